using System.Security.Cryptography;
using System.Text;
using Marketplace.Functions.Catalog;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Reverb;

namespace Marketplace.Functions.Sync;

/// <summary>
/// <c>POST /api/webhooks/reverb/{secret}</c>: the secret path segment (compared in constant time with
/// <c>Reverb:WebhookSecret</c>) authenticates the call; the delivery is stored and the order it names is confirmed
/// by fetching it when the queue is processed. A wrong secret answers 404 and is dead-lettered.
/// </summary>
internal sealed class ReverbWebhookFunction(IServiceProvider services, IWebhookInbox inbox, TimeProvider time) : IHttpFunction
{
    public const string Name = "ReverbWebhook";

    public async Task<HttpFunctionResponse> HandleAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        var expected = services.GetService<ReverbClient>()?.Options.WebhookSecret;
        var now = time.GetUtcNow();
        var headers = request.Headers.Where(h => !h.Key.Equals("x-functions-key", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        var delivery = new WebhookDelivery(Guid.CreateVersion7(now).ToString("N"), "reverb", headers, request.Body, now);
        if (string.IsNullOrEmpty(expected) || !Matches(request.Param("secret"), expected))
        {
            await inbox.DeadLetterAsync(delivery, "wrong or unconfigured Reverb webhook secret", cancellationToken);
            return HttpFunctionResponse.Problem(StatusCodes.Status404NotFound, "No webhook receiver at this path.");
        }

        await inbox.AcceptAsync(delivery, null, cancellationToken);
        return HttpFunctionResponse.Json(StatusCodes.Status202Accepted, new { id = delivery.Id, platform = "reverb" });
    }

    private static bool Matches(string? candidate, string expected) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
