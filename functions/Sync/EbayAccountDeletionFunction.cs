using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Ebay;

namespace Marketplace.Functions.Sync;

/// <summary>
/// eBay's mandatory marketplace account deletion endpoint, <c>/api/webhooks/ebay/account-deletion</c> (register exactly
/// <c>Ebay:AccountDeletionEndpoint</c> with eBay, together with <c>Ebay:AccountDeletionVerificationToken</c>):
/// <list type="bullet">
/// <item><c>GET ?challenge_code=</c>: 200 <c>{"challengeResponse": hex(SHA-256(challengeCode + verificationToken + endpoint))}</c>
/// as application/json (eBay's endpoint validation).</item>
/// <item><c>POST</c>: the <c>X-EBAY-SIGNATURE</c> (ECDSA, key from <c>getPublicKey</c>) is verified over the raw body before
/// anything is written. A missing or forged signature answers 412 and only dead-letters the raw delivery for inspection.
/// A verified <c>MARKETPLACE_ACCOUNT_DELETION</c> is written to the audit trail (action <see cref="AuditAction"/>,
/// platform eBay) before 204 is answered, so an acknowledged request is never lost; a redelivery is recorded again
/// (at least once). Other verified topics sent here go to the webhook inbox like <c>webhooks/ebay</c> (sales are
/// then confirmed with <c>getOrder</c>).</item>
/// </list>
/// The endpoint answers 404 while eBay is not configured (section <c>Ebay</c>).
/// </summary>
internal sealed partial class EbayAccountDeletionFunction(
    IServiceProvider services, AuditLog audit, IWebhookInbox inbox, TimeProvider time, ILogger<EbayAccountDeletionFunction> logger)
{
    public const string Name = "EbayAccountDeletion";

    public const string Route = "webhooks/ebay/account-deletion";

    /// <summary>Audit action of a recorded account deletion request.</summary>
    public const string AuditAction = "ebay.account_deletion";

    /// <summary>The audit partition the requests are recorded under (they concern no SKU).</summary>
    public const string AuditSubject = "(ebay-account-deletion)";

    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase) { "x-functions-key" };

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Route)] HttpRequest request, CancellationToken cancellationToken)
    {
        var handler = services.GetService<EbayNotificationHandler>();
        if (handler is null)
        {
            return FunctionResults.Problem(StatusCodes.Status404NotFound, "eBay is not configured (section Ebay).");
        }

        return HttpMethods.IsGet(request.Method) ? AnswerChallenge(handler, request) : await ReceiveAsync(request, cancellationToken);
    }

    private static IResult AnswerChallenge(EbayNotificationHandler handler, HttpRequest request)
    {
        var code = request.Query["challenge_code"].ToString();
        if (string.IsNullOrEmpty(code))
        {
            return FunctionResults.Problem(StatusCodes.Status400BadRequest, "The 'challenge_code' query parameter is missing.");
        }

        try
        {
            return FunctionResults.Text(StatusCodes.Status200OK, handler.AnswerChallenge(code), "application/json");
        }
        catch (InvalidOperationException ex)
        {
            return FunctionResults.Problem(StatusCodes.Status503ServiceUnavailable, "The account deletion endpoint is not configured.", ex.Message);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await request.ReadBodyAsync(cancellationToken) is not { } body)
        {
            return FunctionRequests.TooLarge();
        }

        var now = time.GetUtcNow();
        var delivery = new WebhookDelivery(Guid.CreateVersion7(now).ToString("N"), "ebay", request.HeadersWithout(DroppedHeaders), body, now);
        var verifier = services.GetRequiredService<EbayNotificationVerifier>();
        if (!await verifier.VerifyAsync(body, request.Header("X-EBAY-SIGNATURE"), cancellationToken))
        {
            var reason = request.Header("X-EBAY-SIGNATURE") is null ? "X-EBAY-SIGNATURE header missing" : "X-EBAY-SIGNATURE did not verify";
            await inbox.DeadLetterAsync(delivery, reason, cancellationToken);
            LogRejected(delivery.Id, reason);
            return FunctionResults.Problem(StatusCodes.Status412PreconditionFailed, "The eBay notification signature is not valid.", reason);
        }

        if (EbayNotificationEnvelope.Parse(body) is not { } envelope)
        {
            await inbox.DeadLetterAsync(delivery, "body is not a JSON object", cancellationToken);
            return FunctionResults.Problem(StatusCodes.Status400BadRequest, "The notification body is not a JSON object.");
        }

        if (envelope.Topic != EbayNotificationHandler.AccountDeletionTopic)
        {
            await inbox.AcceptAsync(delivery, envelope.NotificationId, cancellationToken);
            return Results.NoContent();
        }

        var detail = $"notificationId={envelope.NotificationId}; userId={envelope.UserId}; eventDate={envelope.EventDate:O}";
        await audit.RecordAsync(AuditSubject, CatalogActor.Create("ebay", envelope.NotificationId), AuditAction, AuditOutcome.Success, Platform.Ebay, detail, cancellationToken);
        LogRecorded(envelope.NotificationId ?? "(none)");
        return Results.NoContent();
    }

    [LoggerMessage(80, LogLevel.Information, "eBay account deletion request {NotificationId} recorded")]
    private partial void LogRecorded(string notificationId);

    [LoggerMessage(81, LogLevel.Warning, "eBay notification {WebhookId} on the account deletion endpoint refused: {Reason}")]
    private partial void LogRejected(string webhookId, string reason);
}
