using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Reverb;

/// <summary>What the Reverb webhook route should answer and the confirmed sales.</summary>
public sealed record ReverbWebhookResult(HttpStatusCode StatusCode, IReadOnlyList<SaleEvent> Sales, string? Rejection)
{
    public bool Accepted => StatusCode == HttpStatusCode.OK;
}

/// <summary>
/// Reverb order webhooks carry no signature. A call counts only when (a) its secret path segment equals
/// <see cref="ReverbClientOptions.WebhookSecret"/> (constant-time comparison) and (b) the order it names is fetched
/// from the API: sales come from Reverb's answer, never from the posted body, so a forged body changes nothing.
/// Redeliveries yield the same event ids.
/// </summary>
public sealed class ReverbWebhookHandler(ReverbClient client)
{
    /// <summary>
    /// The header the webhook route sets on a stored delivery to name the Reverb account whose secret it matched
    /// (absent: the default account). Any such header sent by the caller is dropped.
    /// </summary>
    public const string AccountHeader = "X-Marketplace-Reverb-Account";

    private const int MinimumSecretLength = 32;

    /// <summary>Checks the secret, then confirms the order named in <paramref name="body"/> through the API.</summary>
    public async Task<ReverbWebhookResult> HandleAsync(string? pathSecret, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var expected = client.Options.WebhookSecret;
        if (expected is null || expected.Length < MinimumSecretLength)
        {
            throw new InvalidOperationException($"Reverb:WebhookSecret must be configured with at least {MinimumSecretLength} characters before webhooks are accepted.");
        }

        if (!SecretMatches(pathSecret, expected))
        {
            return new ReverbWebhookResult(HttpStatusCode.NotFound, [], "Unknown webhook path.");
        }

        string? orderNumber;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var order = root.TryGetProperty("order", out var nested) ? nested : root;
            orderNumber = order.ValueKind == JsonValueKind.Object && order.TryGetProperty("order_number", out var n)
                ? n.ValueKind == JsonValueKind.Number ? n.GetRawText() : n.GetString()
                : null;
        }
        catch (JsonException)
        {
            return new ReverbWebhookResult(HttpStatusCode.BadRequest, [], "Body is not JSON.");
        }

        if (string.IsNullOrEmpty(orderNumber))
        {
            return new ReverbWebhookResult(HttpStatusCode.BadRequest, [], "Body names no order_number.");
        }

        var confirmed = await client.GetOrderAsync(orderNumber, cancellationToken);
        if (confirmed is null)
        {
            return new ReverbWebhookResult(HttpStatusCode.UnprocessableEntity, [], $"Order {orderNumber} is not one of this shop's orders.");
        }

        return new ReverbWebhookResult(HttpStatusCode.OK, ReverbSales.ToSaleEvents(confirmed).ToList(), null);
    }

    /// <summary>Constant-time comparison (hashing first so the length does not leak either).</summary>
    internal static bool SecretMatches(string? candidate, string expected)
    {
        if (candidate is null)
        {
            return false;
        }

        var a = SHA256.HashData(Encoding.UTF8.GetBytes(candidate));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
