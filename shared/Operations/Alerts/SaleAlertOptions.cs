using MailKit.Security;

namespace Marketplace.Shared.Operations.Alerts;

/// <summary>Sale alert e-mails (section <c>SaleAlerts</c>). No recipients: alerts are off.</summary>
public sealed class SaleAlertOptions
{
    public const string Section = "SaleAlerts";

    /// <summary>Addresses that get an e-mail per sale and oversell (<c>SaleAlerts:Recipients:0</c>, ...).</summary>
    public IList<string> Recipients { get; init; } = [];

    /// <summary>Sender address (<c>SaleAlerts:From</c>).</summary>
    public string From { get; set; } = "alerts@localhost";

    /// <summary>SMTP server host (<c>SaleAlerts:SmtpHost</c>).</summary>
    public string SmtpHost { get; set; } = "localhost";

    /// <summary>SMTP port (<c>SaleAlerts:SmtpPort</c>). Default 587 (submission).</summary>
    public int SmtpPort { get; set; } = 587;

    /// <summary>TLS mode (<c>SaleAlerts:Security</c>). Default: STARTTLS when the server offers it.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>SMTP user (<c>SaleAlerts:UserName</c>); no authentication when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>SMTP password (<c>SaleAlerts:Password</c>, from the secret store or app settings; never logged).</summary>
    public string? Password { get; set; }

    /// <summary>One connection attempt's timeout (<c>SaleAlerts:Timeout</c>). Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when there is someone to tell.</summary>
    public bool Enabled => Recipients.Any(r => !string.IsNullOrWhiteSpace(r));
}
