using System.Security.Cryptography;
using System.Text;
using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Reverb;

namespace Marketplace.Functions.Sync;

/// <summary>
/// <c>POST /api/webhooks/reverb/{secret}</c>: the secret path segment (compared in constant time with
/// <c>Reverb:WebhookSecret</c>) authenticates the call; the delivery is stored and the order it names is confirmed
/// by fetching it when the queue is processed. A wrong secret answers 404 and is dead-lettered and audited.
/// </summary>
internal sealed class ReverbWebhookFunction(IServiceProvider services, IWebhookInbox inbox, WebhookRejections rejections, TimeProvider time)
{
    public const string Name = "ReverbWebhook";

    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase) { "x-functions-key" };

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/reverb/{secret}")] HttpRequest request, string secret, CancellationToken cancellationToken)
    {
        if (await request.ReadBodyAsync(cancellationToken) is not { } body)
        {
            return FunctionRequests.TooLarge();
        }

        var expected = services.GetService<ReverbClient>()?.Options.WebhookSecret;
        var now = time.GetUtcNow();
        var delivery = new WebhookDelivery(Guid.CreateVersion7(now).ToString("N"), "reverb", request.HeadersWithout(DroppedHeaders), body, now);
        if (string.IsNullOrEmpty(expected) || !Matches(secret, expected))
        {
            await rejections.RejectAsync(delivery, "wrong or unconfigured Reverb webhook secret", cancellationToken);
            return FunctionResults.Problem(StatusCodes.Status404NotFound, "No webhook receiver at this path.");
        }

        await inbox.AcceptAsync(delivery, null, cancellationToken);
        return FunctionResults.Json(StatusCodes.Status202Accepted, new { id = delivery.Id, platform = "reverb" });
    }

    private static bool Matches(string? candidate, string expected) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
