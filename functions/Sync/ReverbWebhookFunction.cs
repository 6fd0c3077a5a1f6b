using System.Security.Cryptography;
using System.Text;
using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Reverb;

namespace Marketplace.Functions.Sync;

/// <summary>
/// <c>POST /api/webhooks/reverb/{secret}</c> (the default account) and <c>POST /api/webhooks/reverb/{account}/{secret}</c>
/// (<c>Reverb:Accounts:{account}</c>): the secret path segment (compared in constant time with the account's
/// <c>WebhookSecret</c>) authenticates the call; the delivery is stored with the account it belongs to and the order it
/// names is confirmed by fetching it with that account's token when the queue is processed. A wrong secret (another
/// account's too) answers 404 and is dead-lettered and audited.
/// </summary>
internal sealed class ReverbWebhookFunction(IServiceProvider services, IWebhookInbox inbox, WebhookRejections rejections, TimeProvider time)
{
    public const string Name = "ReverbWebhook";

    public const string AccountName = "ReverbAccountWebhook";

    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase) { "x-functions-key", ReverbWebhookHandler.AccountHeader };

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/reverb/{secret}")] HttpRequest request, string secret, CancellationToken cancellationToken) =>
        AcceptAsync(request, ReverbAccounts.DefaultKey, secret, cancellationToken);

    [Function(AccountName)]
    public Task<IResult> RunForAccountAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/reverb/{account}/{secret}")] HttpRequest request, string account, string secret,
        CancellationToken cancellationToken) =>
        AcceptAsync(request, account, secret, cancellationToken);

    private async Task<IResult> AcceptAsync(HttpRequest request, string account, string secret, CancellationToken cancellationToken)
    {
        if (await request.ReadBodyAsync(cancellationToken) is not { } body)
        {
            return FunctionRequests.TooLarge();
        }

        var key = account.Trim().ToLowerInvariant();
        var expected = ClientFor(key)?.Options.WebhookSecret;
        var now = time.GetUtcNow();
        var headers = request.HeadersWithout(DroppedHeaders);
        if (key != ReverbAccounts.DefaultKey)
        {
            headers[ReverbWebhookHandler.AccountHeader] = [key];
        }

        var delivery = new WebhookDelivery(Guid.CreateVersion7(now).ToString("N"), "reverb", headers, body, now);
        if (string.IsNullOrEmpty(expected) || !Matches(secret, expected))
        {
            await rejections.RejectAsync(delivery, $"wrong or unconfigured Reverb webhook secret (account {key})", cancellationToken);
            return FunctionResults.Problem(StatusCodes.Status404NotFound, "No webhook receiver at this path.");
        }

        await inbox.AcceptAsync(delivery, null, cancellationToken);
        return FunctionResults.Json(StatusCodes.Status202Accepted, new { id = delivery.Id, platform = "reverb" });
    }

    private ReverbClient? ClientFor(string key)
    {
        if (services.GetService<ReverbAccounts>() is { } accounts)
        {
            return accounts.TryGet(key, out var named) ? named.Client : null;
        }

        return key == ReverbAccounts.DefaultKey ? services.GetService<ReverbClient>() : null;
    }

    private static bool Matches(string? candidate, string expected) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
