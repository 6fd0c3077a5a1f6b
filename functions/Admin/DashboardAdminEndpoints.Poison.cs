using Marketplace.Functions.Storage;
using Marketplace.Shared.Catalog;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

/// <summary>Body of the poison-message actions: the poison queue and message ids as listed.</summary>
internal sealed record PoisonMessageIds(string? Queue, IReadOnlyList<string>? Ids);

internal static partial class DashboardAdminEndpoints
{
    private static void MapPoisonQueues(RouteGroupBuilder api)
    {
        api.MapGet("/poison", async (PoisonQueueStore store, CancellationToken ct) => Json(await store.ListAsync(ct)));
        api.MapPost("/poison/requeue", (HttpRequest request, PoisonQueueStore store, CancellationToken ct) => PoisonActionAsync(request, store, discard: false, ct));
        api.MapPost("/poison/discard", (HttpRequest request, PoisonQueueStore store, CancellationToken ct) => PoisonActionAsync(request, store, discard: true, ct));
    }

    private static async Task<IResult> PoisonActionAsync(HttpRequest request, PoisonQueueStore store, bool discard, CancellationToken ct)
    {
        var body = await ReadAsync<PoisonMessageIds>(request, ct);
        if (body.Ids is not { Count: > 0 and <= 32 } ids)
        {
            throw CatalogValidationException.For("ids", "List 1-32 message ids as {\"queue\":\"...\",\"ids\":[...]}.");
        }

        var known = store.Queues();
        if (body.Queue is not { } queue || !known.TryGetValue(queue, out var source))
        {
            throw new CatalogNotFoundException($"'{body.Queue}' is not a poison queue of this app; they are {string.Join(", ", known.Keys)}.", "queue");
        }

        if (!discard && source is null)
        {
            throw new CatalogConflictException($"Messages of {queue} report failed blobs and have no queue to go back to; discard them instead.", "queue");
        }

        return Json(await store.ActAsync(queue, ids, discard, ct));
    }
}
