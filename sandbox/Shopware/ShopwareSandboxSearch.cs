using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopware;

/// <summary>
/// Criteria of <c>POST /api/search/{entity}</c> over the sandbox's rows: filters <c>equals</c>, <c>equalsAny</c>,
/// <c>contains</c>, <c>range</c> and <c>multi</c> (and/or), <c>sort</c>, <c>page</c>/<c>limit</c>, <c>includes</c> and
/// <c>total-count-mode</c> (0/none, 1/exact, 2/next-pages), answered in Shopware's <c>application/json</c> shape.
/// </summary>
internal static class ShopwareSandboxSearch
{
    public static JsonObject Run(IReadOnlyList<JsonObject> rows, JsonObject criteria, string entity)
    {
        var filters = criteria["filter"] as JsonArray ?? [];
        IEnumerable<JsonObject> matches = rows.Where(r => filters.OfType<JsonObject>().All(f => Matches(r, f)));
        foreach (var sort in (criteria["sort"] as JsonArray ?? []).OfType<JsonObject>().Reverse())
        {
            var field = sort["field"]!.GetValue<string>();
            var descending = string.Equals(sort["order"]?.GetValue<string>(), "DESC", StringComparison.OrdinalIgnoreCase);
            matches = descending ? matches.OrderByDescending(r => Text(r, field), StringComparer.Ordinal) : matches.OrderBy(r => Text(r, field), StringComparer.Ordinal);
        }

        var all = matches.ToList();
        var limit = Math.Clamp(Int(criteria["limit"]) ?? 500, 1, 500);
        var page = Math.Max(1, Int(criteria["page"]) ?? 1);
        var offset = (page - 1) * limit;
        var data = all.Skip(offset).Take(limit).ToList();
        var total = CountMode(criteria["total-count-mode"]) switch
        {
            1 => all.Count,
            // next-pages: Shopware looks up to five pages ahead.
            2 => offset + Math.Min(all.Count - offset, (limit * 5) + 1),
            _ => data.Count,
        };
        var includes = (criteria["includes"] as JsonObject)?[entity] as JsonArray;
        return new JsonObject
        {
            ["total"] = Math.Max(total, 0),
            ["data"] = new JsonArray([.. data.Select(r => (JsonNode)Shape(r, includes, entity))]),
            ["aggregations"] = new JsonArray(),
        };
    }

    /// <summary>The row (or only the included fields), with <c>apiAlias</c>.</summary>
    public static JsonObject Shape(JsonObject row, JsonArray? includes, string entity)
    {
        var shaped = includes is null
            ? (JsonObject)row.DeepClone()
            : new JsonObject(includes.Select(i => i!.GetValue<string>()).Where(row.ContainsKey).Select(f => KeyValuePair.Create(f, row[f]?.DeepClone())));
        shaped["apiAlias"] = entity;
        return shaped;
    }

    /// <summary>A row in JSON:API (<c>application/vnd.api+json</c>): id, type, attributes, links.</summary>
    public static JsonObject JsonApi(JsonObject row, string entity, Uri baseUrl)
    {
        var attributes = (JsonObject)row.DeepClone();
        var id = attributes["id"]!.GetValue<string>();
        attributes.Remove("id");
        return new JsonObject
        {
            ["id"] = id,
            ["type"] = entity,
            ["attributes"] = attributes,
            ["links"] = new JsonObject { ["self"] = new Uri(baseUrl, $"/api/{entity}/{id}").ToString() },
            ["relationships"] = new JsonObject(),
        };
    }

    private static bool Matches(JsonObject row, JsonObject filter)
    {
        var field = filter["field"]?.GetValue<string>() is { } f ? StripEntity(f) : null;
        switch (filter["type"]?.GetValue<string>())
        {
            case "equals":
                return Text(row, field!) == filter["value"]?.ToString();
            case "equalsAny":
                var values = filter["value"] is JsonArray list ? list.Select(v => v?.ToString()) : (filter["value"]?.ToString() ?? string.Empty).Split('|');
                return values.Contains(Text(row, field!));
            case "contains":
                return Text(row, field!)?.Contains(filter["value"]?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase) == true;
            case "range":
                var p = filter["parameters"] as JsonObject ?? [];
                var actual = Text(row, field!);
                return actual is not null
                    && (p["gte"] is not { } gte || Compare(actual, gte.ToString()) >= 0) && (p["gt"] is not { } gt || Compare(actual, gt.ToString()) > 0)
                    && (p["lte"] is not { } lte || Compare(actual, lte.ToString()) <= 0) && (p["lt"] is not { } lt || Compare(actual, lt.ToString()) < 0);
            case "multi":
                var queries = (filter["queries"] as JsonArray ?? []).OfType<JsonObject>();
                return string.Equals(filter["operator"]?.GetValue<string>(), "or", StringComparison.OrdinalIgnoreCase)
                    ? queries.Any(q => Matches(row, q))
                    : queries.All(q => Matches(row, q));
            default:
                return false;
        }
    }

    private static string StripEntity(string field) => field.Contains('.', StringComparison.Ordinal) ? field[(field.IndexOf('.', StringComparison.Ordinal) + 1)..] : field;

    private static string? Text(JsonObject row, string field) => row[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        var node => node.ToString(),
    };

    private static int Compare(string actual, string bound) =>
        DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a)
        && DateTimeOffset.TryParse(bound, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var b)
            ? a.CompareTo(b)
            : decimal.TryParse(actual, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(bound, CultureInfo.InvariantCulture, out var y)
                ? x.CompareTo(y)
                : string.CompareOrdinal(actual, bound);

    private static int? Int(JsonNode? node) => node is JsonValue v && int.TryParse(v.ToString(), CultureInfo.InvariantCulture, out var i) ? i : null;

    private static int CountMode(JsonNode? node) => node?.ToString() switch
    {
        "1" or "exact" => 1,
        "2" or "next-pages" => 2,
        _ => 0,
    };
}
