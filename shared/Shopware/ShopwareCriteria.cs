using System.Text.Json.Nodes;

namespace Marketplace.Shared.Shopware;

/// <summary>How Shopware counts a search's total (<c>total-count-mode</c>).</summary>
public enum ShopwareTotalCountMode
{
    /// <summary>No count (fastest): <c>total</c> is the number of rows returned.</summary>
    None = 0,

    /// <summary>The exact number of matches.</summary>
    Exact = 1,

    /// <summary>Enough to know whether further pages exist.</summary>
    NextPages = 2,
}

/// <summary>One criteria filter: <c>equals</c>, <c>equalsAny</c>, <c>range</c>, <c>contains</c> or a <c>multi</c> of others.</summary>
public sealed record ShopwareFilter(string Type, string? Field = null, JsonNode? Value = null, JsonObject? Parameters = null, string? Operator = null,
    IReadOnlyList<ShopwareFilter>? Queries = null)
{
    /// <summary><c>equals</c>; a null <paramref name="value"/> matches rows where the field is null (a root category's <c>parentId</c>).</summary>
    public static ShopwareFilter EqualTo(string field, string? value) => new("equals", field, JsonValue.Create(value));

    public static ShopwareFilter EqualsAny(string field, IEnumerable<string> values) => new("equalsAny", field, new JsonArray([.. values.Select(v => JsonValue.Create(v))]));

    public static ShopwareFilter Contains(string field, string value) => new("contains", field, JsonValue.Create(value));

    /// <summary><c>range</c> with <c>gte</c> (ISO 8601 for dates).</summary>
    public static ShopwareFilter AtLeast(string field, DateTimeOffset value) =>
        new("range", field, Parameters: new JsonObject { ["gte"] = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) });

    public static ShopwareFilter Any(params ShopwareFilter[] queries) => new("multi", Operator: "or", Queries: queries);

    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type };
        if (Field is not null)
        {
            json["field"] = Field;
        }

        if (Value is not null || Type == "equals")
        {
            json["value"] = Value?.DeepClone();
        }

        if (Parameters is not null)
        {
            json["parameters"] = Parameters.DeepClone();
        }

        if (Queries is not null)
        {
            json["operator"] = Operator ?? "and";
            json["queries"] = new JsonArray([.. Queries.Select(q => (JsonNode)q.ToJson())]);
        }

        return json;
    }
}

/// <summary>Search criteria of <c>POST /api/search/{entity}</c>: filters, sorting, includes, associations, paging and count mode.</summary>
public sealed record ShopwareCriteria
{
    /// <summary>1-based page.</summary>
    public int Page { get; init; } = 1;

    public int Limit { get; init; } = 100;

    public IReadOnlyList<ShopwareFilter> Filter { get; init; } = [];

    /// <summary>Fields to sort by, ascending unless the name starts with <c>-</c>.</summary>
    public IReadOnlyList<string> Sort { get; init; } = [];

    /// <summary>Per <c>apiAlias</c>, the only fields to return (smaller answers).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Includes { get; init; }

    /// <summary>Associations to load (<c>lineItems</c>, <c>stateMachineState</c>).</summary>
    public IReadOnlyList<string> Associations { get; init; } = [];

    public ShopwareTotalCountMode TotalCountMode { get; init; } = ShopwareTotalCountMode.None;

    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["page"] = Page, ["limit"] = Limit, ["total-count-mode"] = (int)TotalCountMode };
        if (Filter.Count > 0)
        {
            json["filter"] = new JsonArray([.. Filter.Select(f => (JsonNode)f.ToJson())]);
        }

        if (Sort.Count > 0)
        {
            json["sort"] = new JsonArray([.. Sort.Select(s => (JsonNode)new JsonObject
            {
                ["field"] = s.TrimStart('-'), ["order"] = s.StartsWith('-') ? "DESC" : "ASC",
            })]);
        }

        if (Includes is not null)
        {
            json["includes"] = new JsonObject(Includes.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)new JsonArray([.. i.Value.Select(v => JsonValue.Create(v))]))));
        }

        if (Associations.Count > 0)
        {
            // A dotted path (transactions.stateMachineState) nests as Shopware expects: {"transactions":{"associations":{"stateMachineState":{}}}}.
            var root = new JsonObject();
            foreach (var path in Associations)
            {
                var level = root;
                foreach (var part in path.Split('.'))
                {
                    var node = level[part] as JsonObject ?? (JsonObject)(level[part] = new JsonObject())!;
                    level = node["associations"] as JsonObject ?? (JsonObject)(node["associations"] = new JsonObject())!;
                }
            }

            json["associations"] = Prune(root);
        }

        return json;
    }

    // Leaves carry no empty "associations" object.
    private static JsonObject Prune(JsonObject level)
    {
        foreach (var (_, value) in level)
        {
            var node = (JsonObject)value!;
            if (node["associations"] is JsonObject { Count: 0 })
            {
                node.Remove("associations");
            }
            else if (node["associations"] is JsonObject nested)
            {
                Prune(nested);
            }
        }

        return level;
    }
}
