using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.TestSupport.Photos;

/// <summary>
/// Releases in Discogs's JSON shape for tests and benchmarks, distinct per index (ids from 900001): a barcode with a
/// valid check digit, a catalog number, a label, side A/B run-out etchings, artist, title, year and genre.
/// </summary>
public static class SyntheticReleases
{
    private static readonly string[] Labels = ["Harvest Moon", "Blue Orchid", "Night Owl", "Copper Lane", "Velvet Hour", "Northern Static", "Paper Crown", "Glass Harbour"];
    private static readonly string[] Prefixes = ["HM", "BOR", "NOW", "CLR", "VHR", "NST", "PCR", "GHB"];
    private static readonly string[] Artists = ["The Lanterns", "Mara Quell", "Dust Choir", "Owen Hart Trio", "Silver Fjord", "Kite Parade", "Ada Norwood", "The Marlowes"];
    private static readonly string[] Words = ["Evening", "Harbour", "Signals", "Paper", "Lights", "Tides", "Winter", "Garden", "Motion", "Echoes"];

    public static long IdOf(int index) => 900_001 + index;

    public static JsonObject Create(int index)
    {
        var label = Labels[index % Labels.Length];
        var catno = $"{Prefixes[index % Prefixes.Length]} {100 + index * 7}";
        var matrix = $"{Prefixes[index % Prefixes.Length]}{100 + index * 7}";
        var barcode = Barcode(index);
        return new JsonObject
        {
            ["id"] = IdOf(index),
            ["title"] = $"{Words[index % Words.Length]} {Words[(index / Words.Length + 3) % Words.Length]}",
            ["year"] = 1965 + index % 50,
            ["country"] = "UK",
            ["artists"] = new JsonArray(new JsonObject { ["name"] = Artists[index % Artists.Length], ["anv"] = string.Empty, ["join"] = string.Empty, ["id"] = 5000 + index % Artists.Length }),
            ["labels"] = new JsonArray(new JsonObject { ["name"] = label, ["catno"] = catno, ["id"] = 700 + index % Labels.Length }),
            ["formats"] = new JsonArray(new JsonObject { ["name"] = "Vinyl", ["qty"] = "1", ["descriptions"] = new JsonArray("LP", "Album") }),
            ["genres"] = new JsonArray(index % 2 == 0 ? "Rock" : "Jazz"),
            ["styles"] = new JsonArray(),
            ["identifiers"] = new JsonArray(
                new JsonObject { ["type"] = "Barcode", ["value"] = barcode },
                new JsonObject { ["type"] = "Matrix / Runout", ["description"] = "Side A", ["value"] = $"{matrix}-A1 PORKY" },
                new JsonObject { ["type"] = "Matrix / Runout", ["description"] = "Side B", ["value"] = $"{matrix}-B1 PORKY" }),
            ["lowest_price"] = 10 + index % 30,
        };
    }

    /// <summary>The label photo's lines: label name, catalog number, artist and title.</summary>
    public static IReadOnlyList<string> LabelLines(JsonObject release) =>
    [
        release["labels"]![0]!["name"]!.GetValue<string>(),
        release["labels"]![0]!["catno"]!.GetValue<string>(),
        $"{release["artists"]![0]!["name"]!.GetValue<string>()} - {release["title"]!.GetValue<string>()}",
    ];

    /// <summary>The run-out photo's line: the side A etching.</summary>
    public static IReadOnlyList<string> RunoutLines(JsonObject release) => [release["identifiers"]![1]!["value"]!.GetValue<string>()];

    /// <summary>A 13-digit EAN with a valid check digit, distinct per index.</summary>
    public static string Barcode(int index)
    {
        var body = "50" + (1234500000 + index).ToString(CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (body[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return body + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
