using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Discogs;

public sealed partial class DiscogsSandboxState
{
    /// <summary>The filters of <c>/database/search</c> the sandbox understands (all optional, combined with AND).</summary>
    public sealed record SearchFilters(string? Q, string? Type, string? Barcode, string? Catno, string? Label, string? Artist, string? ReleaseTitle);

    /// <summary>
    /// Releases matching the filters, best first, as search results. <c>q</c> matches when at least half of its words
    /// appear in the release (title, artists, labels, catalog numbers, identifiers, formats), so imperfect OCR text still finds it.
    /// </summary>
    public IReadOnlyList<JsonObject> Search(SearchFilters filters)
    {
        if (filters.Type is { Length: > 0 } type && type != "release")
        {
            return [];
        }

        List<JsonObject> releases;
        lock (_gate)
        {
            releases = [.. _releases.Values];
        }

        var query = Words(filters.Q);
        return releases
            .Where(r => Matches(filters.Barcode, Identifiers(r, "Barcode").Select(Digits), Digits)
                && Matches(filters.Catno, Labels(r).Select(l => Compact(l["catno"]?.GetValue<string>())), Compact)
                && Contains(filters.Label, Labels(r).Select(l => l["name"]?.GetValue<string>()))
                && Contains(filters.Artist, Array(r, "artists").Select(a => a["name"]?.GetValue<string>()))
                && Contains(filters.ReleaseTitle, [r["title"]?.GetValue<string>()]))
            .Select(r => (Release: r, Score: query.Count == 0 ? 1 : query.Count(Words(Haystack(r)).Contains)))
            .Where(x => query.Count == 0 || x.Score * 2 >= query.Count)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Release["id"]!.GetValue<long>())
            .Select(x => ToResult(x.Release))
            .ToList();
    }

    private static JsonObject ToResult(JsonObject release)
    {
        var id = release["id"]!.GetValue<long>();
        var artist = string.Join(", ", Array(release, "artists").Select(a => a["name"]?.GetValue<string>()));
        return new JsonObject
        {
            ["id"] = id,
            ["type"] = "release",
            ["title"] = $"{artist} - {release["title"]?.GetValue<string>()}",
            ["year"] = release["year"]?.ToString(),
            ["country"] = release["country"]?.DeepClone(),
            ["label"] = new JsonArray([.. Labels(release).Select(l => (JsonNode?)JsonValue.Create(l["name"]?.GetValue<string>()))]),
            ["catno"] = Labels(release).Select(l => l["catno"]?.GetValue<string>()).FirstOrDefault(),
            // As on Discogs, "barcode" lists every identifier value (barcodes, matrix, label codes).
            ["barcode"] = new JsonArray([.. Array(release, "identifiers").Select(i => (JsonNode?)JsonValue.Create(i["value"]?.GetValue<string>()))]),
            ["format"] = new JsonArray([.. Array(release, "formats").SelectMany(f => new[] { f["name"]?.GetValue<string>() }.Concat((f["descriptions"] as JsonArray ?? []).Select(d => d?.GetValue<string>()))).Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["genre"] = release["genres"]?.DeepClone() ?? new JsonArray(),
            ["style"] = release["styles"]?.DeepClone() ?? new JsonArray(),
            ["thumb"] = string.Empty,
            ["cover_image"] = string.Empty,
            ["master_id"] = release["master_id"]?.DeepClone(),
            ["resource_url"] = $"https://api.discogs.com/releases/{id}",
            ["uri"] = $"/release/{id}",
        };
    }

    private static IEnumerable<JsonObject> Array(JsonObject release, string name) => (release[name] as JsonArray ?? []).OfType<JsonObject>();

    private static IEnumerable<JsonObject> Labels(JsonObject release) => Array(release, "labels");

    private static IEnumerable<string?> Identifiers(JsonObject release, string type) =>
        Array(release, "identifiers").Where(i => string.Equals(i["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase)).Select(i => i["value"]?.GetValue<string>());

    private static string Haystack(JsonObject release) => string.Join(' ',
        new[] { release["title"]?.GetValue<string>() }
            .Concat(Array(release, "artists").Select(a => a["name"]?.GetValue<string>()))
            .Concat(Labels(release).SelectMany(l => new[] { l["name"]?.GetValue<string>(), l["catno"]?.GetValue<string>() }))
            .Concat(Array(release, "identifiers").Select(i => i["value"]?.GetValue<string>()))
            .Concat(Array(release, "formats").Select(f => f["name"]?.GetValue<string>())));

    private static bool Matches(string? wanted, IEnumerable<string> values, Func<string?, string> normalize) =>
        string.IsNullOrWhiteSpace(wanted) || values.Any(v => v.Length > 0 && v == normalize(wanted));

    private static bool Contains(string? wanted, IEnumerable<string?> values) =>
        string.IsNullOrWhiteSpace(wanted) || values.Any(v => v?.Contains(wanted.Trim(), StringComparison.OrdinalIgnoreCase) == true);

    private static string Digits(string? value) => new((value ?? string.Empty).Where(char.IsAsciiDigit).ToArray());

    private static string Compact(string? value) => new((value ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static HashSet<string> Words(string? text) =>
        (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Compact).Where(w => w.Length >= 2).ToHashSet(StringComparer.Ordinal);
}
