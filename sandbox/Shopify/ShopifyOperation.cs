using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// What the dispatcher needs from a GraphQL document without a GraphQL engine: operation type, the root field,
/// the <c>@idempotent(key:)</c> literal and the nested connections (for cost). Arguments come from variables.
/// </summary>
internal sealed partial record ShopifyOperation(bool IsMutation, string RootField, string? IdempotencyKey, int NestedConnections, IReadOnlyList<int> NestedFirsts)
{
    public static ShopifyOperation? Parse(string document)
    {
        var text = document.TrimStart();
        var isMutation = text.StartsWith("mutation", StringComparison.Ordinal);
        var header = text.StartsWith('{') ? 0 : text.IndexOf('{', StringComparison.Ordinal);
        if (header < 0)
        {
            return null;
        }

        var root = RootFieldPattern().Match(text, header + 1);
        if (!root.Success)
        {
            return null;
        }

        var key = Idempotent().Match(text);
        var nested = NestedFirst().Matches(text[(root.Index + root.Length)..]);
        return new ShopifyOperation(isMutation, root.Groups[1].Value, key.Success ? key.Groups[1].Value : null, nested.Count, nested.Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList());
    }

    /// <summary>Requested cost: mutations a flat cost; connections 2 + first × (1 + nested page sizes / 10); objects 1.</summary>
    public int RequestedCost(JsonObject variables, int mutationCost)
    {
        if (IsMutation)
        {
            return mutationCost;
        }

        var perNode = 1 + NestedFirsts.Sum(f => Math.Max(1, f / 10));
        return variables["first"] is JsonValue first ? 2 + (first.GetValue<int>() * perNode) : perNode;
    }

    /// <summary>Actual cost: as requested, but per node returned instead of per node asked for.</summary>
    public int ActualCost(JsonObject variables, int mutationCost, int returned)
    {
        if (IsMutation || variables["first"] is not JsonValue)
        {
            return RequestedCost(variables, mutationCost);
        }

        var perNode = 1 + NestedFirsts.Sum(f => Math.Max(1, f / 10));
        return 2 + (returned * perNode);
    }

    [GeneratedRegex(@"\G\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex RootFieldPattern();

    [GeneratedRegex(@"@idempotent\(\s*key:\s*""([^""]+)""\s*\)")]
    private static partial Regex Idempotent();

    [GeneratedRegex(@"first:\s*(\d+)")]
    private static partial Regex NestedFirst();
}
