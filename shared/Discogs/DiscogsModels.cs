using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Shared.Discogs;

/// <summary>
/// A database search (<c>GET /database/search</c>): every field optional, combined by Discogs. <see cref="Query"/> is the
/// free text (<c>q</c>), which is also how a run-out/matrix etching is searched.
/// </summary>
public sealed record DiscogsSearchQuery
{
    public string? Query { get; init; }

    /// <summary><c>release</c> (default), <c>master</c>, <c>artist</c> or <c>label</c>.</summary>
    public string Type { get; init; } = "release";

    public string? Barcode { get; init; }

    /// <summary>Catalog number (<c>catno</c>).</summary>
    public string? CatalogNumber { get; init; }

    public string? Label { get; init; }

    public string? Artist { get; init; }

    public string? ReleaseTitle { get; init; }

    public string? Format { get; init; }
}

/// <summary>Discogs pagination (<c>page</c>, <c>pages</c>, <c>per_page</c>, <c>items</c>, <c>urls.next</c>).</summary>
public sealed record DiscogsPagination(int Page, int Pages, int PerPage, int Items, DiscogsPageUrls? Urls);

/// <summary>Links to neighbouring pages.</summary>
public sealed record DiscogsPageUrls(string? Next, string? Last);

/// <summary>One page of search results.</summary>
public sealed record DiscogsSearchPage(DiscogsPagination Pagination, IReadOnlyList<DiscogsSearchResult> Results);

/// <summary>A search hit; <see cref="Title"/> is "Artist - Title"; label and barcode are lists (older answers send one string).</summary>
public sealed record DiscogsSearchResult
{
    public long Id { get; init; }

    public string Type { get; init; } = "release";

    public string Title { get; init; } = string.Empty;

    [JsonConverter(typeof(DiscogsLenientStringConverter))]
    public string? Year { get; init; }

    [JsonConverter(typeof(DiscogsStringListConverter))]
    public IReadOnlyList<string> Label { get; init; } = [];

    public string? Catno { get; init; }

    [JsonConverter(typeof(DiscogsStringListConverter))]
    public IReadOnlyList<string> Barcode { get; init; } = [];

    [JsonConverter(typeof(DiscogsStringListConverter))]
    public IReadOnlyList<string> Format { get; init; } = [];

    [JsonConverter(typeof(DiscogsStringListConverter))]
    public IReadOnlyList<string> Genre { get; init; } = [];

    public string? Country { get; init; }

    public string? Thumb { get; init; }

    public string? CoverImage { get; init; }

    public string? ResourceUrl { get; init; }
}

/// <summary>A release (<c>GET /releases/{id}</c>) with the identifiers matching needs.</summary>
public sealed record DiscogsRelease
{
    public long Id { get; init; }

    public string Title { get; init; } = string.Empty;

    public int? Year { get; init; }

    public IReadOnlyList<DiscogsArtist> Artists { get; init; } = [];

    public IReadOnlyList<DiscogsLabel> Labels { get; init; } = [];

    public IReadOnlyList<DiscogsFormat> Formats { get; init; } = [];

    public IReadOnlyList<string> Genres { get; init; } = [];

    public IReadOnlyList<string> Styles { get; init; } = [];

    public IReadOnlyList<DiscogsIdentifier> Identifiers { get; init; } = [];

    public string? Country { get; init; }

    public string? Uri { get; init; }

    public decimal? LowestPrice { get; init; }

    /// <summary>Artist names joined as Discogs displays them ("A &amp; B").</summary>
    [JsonIgnore]
    public string ArtistName => string.Concat(Artists.Select((a, i) => a.Name + (i < Artists.Count - 1 ? (string.IsNullOrWhiteSpace(a.Join) ? ", " : $" {a.Join.Trim()} ") : string.Empty)));

    /// <summary>Identifier values of a type (<c>Barcode</c>, <c>Matrix / Runout</c>, <c>Label Code</c>).</summary>
    public IEnumerable<string> IdentifiersOf(string type) =>
        Identifiers.Where(i => string.Equals(i.Type, type, StringComparison.OrdinalIgnoreCase)).Select(i => i.Value);
}

public sealed record DiscogsArtist(string Name, string? Anv = null, string? Join = null, long Id = 0);

public sealed record DiscogsLabel(string Name, string? Catno = null, long Id = 0);

public sealed record DiscogsFormat(string Name, [property: JsonConverter(typeof(DiscogsLenientStringConverter))] string? Qty = null, IReadOnlyList<string>? Descriptions = null);

/// <summary>An identifier: <see cref="Type"/> such as <c>Barcode</c>, <c>Matrix / Runout</c>, <c>Label Code</c>.</summary>
public sealed record DiscogsIdentifier(string Type, string Value, string? Description = null);

/// <summary>A price (<c>{"value":..,"currency":..}</c>).</summary>
public sealed record DiscogsPrice(decimal Value, string Currency);

/// <summary>Reads a list that older answers send as one string.</summary>
public sealed class DiscogsStringListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => [reader.GetString()!],
        JsonTokenType.StartArray => JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? [],
        _ => Skip(ref reader),
    };

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToArray(), options);

    private static IReadOnlyList<string> Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return [];
    }
}

/// <summary>Reads a string that some answers send as a number.</summary>
public sealed class DiscogsLenientStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
