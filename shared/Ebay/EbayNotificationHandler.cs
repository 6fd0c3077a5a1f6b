using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Ebay;

/// <summary>What the notification endpoint should answer and what the notification meant.</summary>
/// <param name="StatusCode">HTTP status to answer eBay: 204 acknowledged, 412 signature not verified, 400 unreadable.</param>
/// <param name="Topic">The notification topic, when readable.</param>
/// <param name="DeletedUserId">For <c>MARKETPLACE_ACCOUNT_DELETION</c>: the eBay user whose data must be deleted.</param>
/// <param name="Sales">For <c>ORDER_CONFIRMATION</c>: the order's sale events, as confirmed by <c>getOrder</c>.</param>
/// <param name="Rejection">Why it was rejected, when it was.</param>
public sealed record EbayNotificationResult(HttpStatusCode StatusCode, string? Topic, string? DeletedUserId, IReadOnlyList<SaleEvent> Sales, string? Rejection)
{
    /// <summary>True when the notification was verified and acknowledged.</summary>
    public bool Accepted => StatusCode == HttpStatusCode.NoContent;
}

/// <summary>
/// The eBay notification endpoint's logic (Notification API pushes, including the mandatory marketplace account
/// deletion): answers the endpoint validation challenge, verifies <c>X-EBAY-SIGNATURE</c> on every push and produces
/// nothing from an unsigned or forged one (412, as eBay's SDKs answer). Sale notifications (<c>ORDER_CONFIRMATION</c>)
/// are only hints: the order is fetched with <c>getOrder</c> and the sale events come from eBay's answer.
/// </summary>
public sealed class EbayNotificationHandler(EbayClient client, EbayNotificationVerifier verifier)
{
    /// <summary>Topic eBay pushes when a user asks for their account data to be deleted.</summary>
    public const string AccountDeletionTopic = "MARKETPLACE_ACCOUNT_DELETION";

    /// <summary>Topic eBay pushes per line item when a buyer completes checkout.</summary>
    public const string OrderConfirmationTopic = "ORDER_CONFIRMATION";

    /// <summary>
    /// The validation answer: lower-case hex SHA-256 of <c>challengeCode + verificationToken + endpoint</c>, in that order.
    /// </summary>
    public static string ComputeChallengeResponse(string challengeCode, string verificationToken, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(challengeCode);
        ArgumentNullException.ThrowIfNull(verificationToken);
        ArgumentNullException.ThrowIfNull(endpoint);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(challengeCode + verificationToken + endpoint));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The JSON body for <c>GET ?challenge_code=</c>: <c>{"challengeResponse":"..."}</c> (content type application/json).</summary>
    public string AnswerChallenge(string challengeCode)
    {
        var token = client.Options.AccountDeletionVerificationToken;
        var endpoint = client.Options.AccountDeletionEndpoint;
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(endpoint))
        {
            throw new InvalidOperationException("Ebay:AccountDeletionVerificationToken and Ebay:AccountDeletionEndpoint must be configured to answer eBay's endpoint challenge.");
        }

        return JsonSerializer.Serialize(new { challengeResponse = ComputeChallengeResponse(challengeCode, token, endpoint) });
    }

    /// <summary>Verifies and interprets one POSTed notification. Safe to call again for a redelivery (same result, same event ids).</summary>
    public async Task<EbayNotificationResult> HandleAsync(ReadOnlyMemory<byte> body, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        if (!await verifier.VerifyAsync(body, signatureHeader, cancellationToken))
        {
            return Reject(HttpStatusCode.PreconditionFailed, null, signatureHeader is null ? "X-EBAY-SIGNATURE header missing." : "X-EBAY-SIGNATURE did not verify.");
        }

        var envelope = EbayNotificationEnvelope.Parse(body);
        if (envelope is null)
        {
            return Reject(HttpStatusCode.BadRequest, null, "Body is not a JSON object.");
        }

        var topic = envelope.Topic;
        switch (topic)
        {
            case AccountDeletionTopic:
                return new EbayNotificationResult(HttpStatusCode.NoContent, topic, envelope.UserId, [], null);
            case OrderConfirmationTopic:
                var orderId = envelope.OrderId;
                if (string.IsNullOrEmpty(orderId))
                {
                    return Reject(HttpStatusCode.BadRequest, topic, "ORDER_CONFIRMATION without notification.data.orderId.");
                }

                var order = await client.GetOrderAsync(orderId, cancellationToken);
                if (order is null)
                {
                    return Reject(HttpStatusCode.PreconditionFailed, topic, $"Order {orderId} is not known to eBay.");
                }

                return new EbayNotificationResult(HttpStatusCode.NoContent, topic, null, EbaySales.ToSaleEvents(order).ToList(), null);
            default:
                return new EbayNotificationResult(HttpStatusCode.NoContent, topic, null, [], null);
        }
    }

    private static EbayNotificationResult Reject(HttpStatusCode status, string? topic, string reason) => new(status, topic, null, [], reason);
}
