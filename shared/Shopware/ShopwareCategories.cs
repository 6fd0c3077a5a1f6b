using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Marketplace.Shared.Shopware;

/// <summary>
/// Resolves the catalog's category for Shopware to a category id: an id (32 hex characters) is taken as it is; a path
/// (<c>Instruments &gt; Basses &gt; Electric</c>, levels split at <c>&gt;</c> or <c>/</c>) is looked up level by level under
/// <see cref="ShopwareClientOptions.RootCategoryId"/> by name and parent, and a missing level is created with an id
/// derived from its parent and name, so concurrent or repeated creates write the same category. Resolved paths are cached.
/// </summary>
internal sealed class ShopwareCategories(ShopwareClient client)
{
    private static readonly char[] Separators = ['>', '/'];
    private readonly ConcurrentDictionary<string, string> _byPath = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The category id for <paramref name="categoryIdOrPath"/>, or null for none.</summary>
    public async Task<string?> ResolveAsync(string? categoryIdOrPath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(categoryIdOrPath))
        {
            return null;
        }

        var value = categoryIdOrPath.Trim();
        if (value is { Length: 32 } && value.All(char.IsAsciiHexDigit))
        {
            return value.ToLowerInvariant();
        }

        var levels = value.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parent = client.Options.RootCategoryId;
        var path = string.Empty;
        foreach (var name in levels)
        {
            path += "/" + name;
            if (!_byPath.TryGetValue(path, out var id))
            {
                id = await FindOrCreateAsync(name, parent, cancellationToken);
                _byPath[path] = id;
            }

            parent = id;
        }

        return parent;
    }

    private async Task<string> FindOrCreateAsync(string name, string? parentId, CancellationToken cancellationToken)
    {
        var page = await client.SearchCategoriesAsync(new ShopwareCriteria
        {
            Limit = 1, Filter = [ShopwareFilter.EqualTo("name", name), ShopwareFilter.EqualTo("parentId", parentId)],
            Includes = new Dictionary<string, IReadOnlyList<string>> { ["category"] = ["id", "name", "parentId"] },
        }, cancellationToken);
        if (page.Data.FirstOrDefault() is { } existing)
        {
            return existing.Id;
        }

        var id = ShopwareProductMapper.IdFor($"category:{parentId}:{name.ToUpperInvariant()}");
        var row = new JsonObject { ["id"] = id, ["name"] = name, ["parentId"] = parentId, ["active"] = true };
        await client.SyncAsync([ShopwareSyncOperation.Upsert("write-category", "category", [row])], cancellationToken);
        return id;
    }
}
