using MailKit.Net.Smtp;
using MimeKit;

namespace Marketplace.Shared.Operations.Alerts;

/// <summary>Sends sale alerts through an SMTP server with MailKit; the message id derives from the event id, so a resend is recognisable as the same mail.</summary>
public sealed class SmtpSaleAlertSender(SaleAlertOptions options) : ISaleAlertSender
{
    public async Task SendAsync(SaleAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.AddRange(options.Recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Select(MailboxAddress.Parse));
        message.Subject = alert.Subject;
        message.MessageId = $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(alert.EventId)))[..32]}@sale-alerts";
        message.Body = new TextPart("plain") { Text = alert.Body() };
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.Security, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
