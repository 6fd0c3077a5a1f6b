using Marketplace.Functions.Storage;
using Marketplace.Shared.Catalog;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

/// <summary>Body of the dead-letter actions: blob names as listed.</summary>
internal sealed record DeadLetterNames(IReadOnlyList<string> Names);

internal static partial class DashboardAdminEndpoints
{
    private static void MapDeadLetters(RouteGroupBuilder api)
    {
        api.MapGet("/deadletters", async (HttpRequest request, DeadLetterStore store, CancellationToken ct) =>
        {
            var (items, total) = await store.ListAsync(Math.Clamp(Int(request.Query["limit"], "limit", 100), 1, 500), ct);
            return Json(new { total, items });
        });

        // One dead letter with headers and raw body; the name travels in ?name= because it holds slashes.
        api.MapGet("/deadletters/item", async (HttpRequest request, DeadLetterStore store, CancellationToken ct) =>
        {
            var name = request.Query["name"].FirstOrDefault() ?? throw CatalogValidationException.For("name", "Send ?name= as listed.");
            return await store.GetAsync(name, ct) is { } detail ? Json(detail) : throw new CatalogNotFoundException($"No dead letter '{name}'.", "name");
        });

        api.MapPost("/deadletters/replay", async (HttpRequest request, DeadLetterStore store, CancellationToken ct) =>
        {
            var names = await NamesAsync(request, ct);
            var outcomes = new List<DeadLetterOutcome>();
            foreach (var name in names)
            {
                outcomes.Add(await store.ReplayAsync(name, ct));
            }

            return Json(outcomes);
        });

        api.MapPost("/deadletters/discard", async (HttpRequest request, DeadLetterStore store, CancellationToken ct) =>
        {
            var names = await NamesAsync(request, ct);
            var outcomes = new List<DeadLetterOutcome>();
            foreach (var name in names)
            {
                var deleted = await store.DiscardAsync(name, ct);
                outcomes.Add(new DeadLetterOutcome(name, deleted, deleted ? null : "No such dead letter."));
            }

            return Json(outcomes);
        });
    }

    private static async Task<IReadOnlyList<string>> NamesAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await ReadAsync<DeadLetterNames>(request, ct);
        return body.Names is { Count: > 0 and <= 500 } names
            ? names
            : throw CatalogValidationException.For("names", "List 1-500 dead letters as {\"names\":[...]}.");
    }
}
