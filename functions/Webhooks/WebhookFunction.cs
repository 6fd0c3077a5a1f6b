using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/{platform}</c>: unknown platform 404; verified 202 after durable storage; a wrong or
/// missing signature 401 and a malformed one 400, both dead-lettered with the raw body and audited
/// (<see cref="WebhookRejections"/>).
/// </summary>
internal sealed partial class WebhookFunction(WebhookVerifierRegistry registry, IWebhookInbox inbox, WebhookRejections rejections, TimeProvider time,
    ILogger<WebhookFunction> logger)
{
    public const string Name = "Webhook";

    // Credentials meant for us or for a proxy are never stored with the delivery.
    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "x-functions-key",
    };

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{platform}")] HttpRequest request, string platform, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(platform, out var verifier))
        {
            return FunctionResults.Problem(StatusCodes.Status404NotFound, $"No webhook receiver for platform '{Truncate(platform)}'.");
        }

        if (await request.ReadBodyAsync(cancellationToken) is not { } body)
        {
            return FunctionRequests.TooLarge();
        }

        var now = time.GetUtcNow();
        var delivery = new WebhookDelivery(Guid.CreateVersion7(now).ToString("N"), verifier.Platform, request.HeadersWithout(DroppedHeaders), body, now);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Platform"] = verifier.Platform, ["WebhookId"] = delivery.Id });
        var verification = await verifier.VerifyAsync(delivery, cancellationToken);
        switch (verification.Outcome)
        {
            case WebhookVerificationOutcome.Verified:
                await inbox.AcceptAsync(delivery, verification.EventId, cancellationToken);
                LogAccepted(verifier.Platform, delivery.Id, delivery.Body.Length);
                return FunctionResults.Json(StatusCodes.Status202Accepted, new { id = delivery.Id, platform = verifier.Platform });
            case WebhookVerificationOutcome.InvalidSignature:
                await rejections.RejectAsync(delivery, verification.Reason ?? "invalid signature", cancellationToken);
                return FunctionResults.Problem(StatusCodes.Status401Unauthorized, "The webhook signature is not valid.");
            default:
                await rejections.RejectAsync(delivery, verification.Reason ?? "malformed", cancellationToken);
                return FunctionResults.Problem(StatusCodes.Status400BadRequest, "The webhook cannot be verified.", verification.Reason);
        }
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64];

    [LoggerMessage(20, LogLevel.Information, "Webhook {WebhookId} from {Platform} accepted ({Bytes} bytes)")]
    private partial void LogAccepted(string platform, string webhookId, int bytes);
}
