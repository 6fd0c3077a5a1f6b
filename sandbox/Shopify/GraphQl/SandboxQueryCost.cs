using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Marketplace.Sandbox.Shopify.GraphQl;

/// <summary>
/// Shopify's documented query cost: scalars and enums 0, objects (and interfaces, unions) 1, a connection 2 plus its
/// size (<c>first</c>/<c>last</c>) times the cost of one node; a mutation's root field 10. The actual cost counts
/// the nodes returned instead of the nodes asked for.
/// </summary>
internal sealed class SandboxQueryCost(ISchema schema, GraphQLDocument document, Variables variables, int mutationCost)
{
    public const int MaxCost = 1000;

    /// <summary>Connections asked for without a size (Shopify refuses them outside bulk operations).</summary>
    public List<(string Field, GraphQLParser.AST.GraphQLLocation Location)> Unsized { get; } = [];

    public int Requested(GraphQLOperationDefinition operation) => Root(operation, null);

    public int Actual(GraphQLOperationDefinition operation, JsonObject? data) => Root(operation, data ?? []);

    private int Root(GraphQLOperationDefinition operation, JsonObject? data)
    {
        if (operation.Operation == OperationType.Mutation)
        {
            return mutationCost * operation.SelectionSet.Selections.Count;
        }

        return Selection(operation.SelectionSet, schema.Query, data, data is not null);
    }

    private int Selection(GraphQLSelectionSet? set, IGraphType parent, JsonNode? result, bool actual)
    {
        if (set is null || parent is not IComplexGraphType complex)
        {
            return 0;
        }

        var cost = 0;
        foreach (var selection in set.Selections)
        {
            cost += selection switch
            {
                GraphQLField field => Field(field, complex, result, actual),
                GraphQLInlineFragment inline => Selection(inline.SelectionSet, inline.TypeCondition is { } on ? schema.AllTypes[on.Type.Name.StringValue] ?? parent : parent, result, actual),
                GraphQLFragmentSpread spread when document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name == spread.FragmentName.Name) is { } fragment => Selection(fragment.SelectionSet, schema.AllTypes[fragment.TypeCondition.Type.Name.StringValue] ?? parent, result, actual),
                _ => 0,
            };
        }

        return cost;
    }

    private int Field(GraphQLField field, IComplexGraphType parent, JsonNode? result, bool actual)
    {
        var definition = parent.GetField(field.Name.Value);
        if (definition?.ResolvedType?.GetNamedType() is not { } type || type is ScalarGraphType or EnumerationGraphType || type.Name == "PageInfo")
        {
            return 0;
        }

        var value = actual ? result?[(field.Alias?.Name ?? field.Name).StringValue] : null;
        if (actual && value is null)
        {
            return 0;
        }

        if (!type.Name.EndsWith("Connection", StringComparison.Ordinal) || definition.Arguments?.Find("first") is null)
        {
            return value is JsonArray list
                ? list.Sum(item => 1 + Selection(field.SelectionSet, type, item, actual))
                : 1 + Selection(field.SelectionSet, type, value, actual);
        }

        var node = ((IComplexGraphType)type).GetField("nodes")!.ResolvedType!.GetNamedType();
        var size = Argument(field, "first") ?? Argument(field, "last");
        if (size is null)
        {
            Unsized.Add((field.Name.StringValue, field.Location));
        }

        if (actual)
        {
            var items = (value?["nodes"] as JsonArray)?.ToList() ?? (value?["edges"] as JsonArray ?? []).Select(e => e?["node"]).ToList();
            var perItem = items.Sum(item => 1 + NodeSelections(field, node, item, actual));
            return 2 + perItem;
        }

        return 2 + ((size ?? 0) * (1 + NodeSelections(field, node, null, actual)));
    }

    // The node's own selections, whether asked through nodes { } or edges { node { } }.
    private int NodeSelections(GraphQLField connection, IGraphType node, JsonNode? item, bool actual)
    {
        var cost = 0;
        foreach (var child in connection.SelectionSet?.Selections.OfType<GraphQLField>() ?? [])
        {
            if (child.Name.Value == "nodes")
            {
                cost += Selection(child.SelectionSet, node, item, actual);
            }
            else if (child.Name.Value == "edges")
            {
                cost += child.SelectionSet?.Selections.OfType<GraphQLField>().Where(f => f.Name.Value == "node").Sum(f => Selection(f.SelectionSet, node, item, actual)) ?? 0;
            }
        }

        return cost;
    }

    private int? Argument(GraphQLField field, string name)
    {
        var value = field.Arguments?.ValueFor(name);
        return value switch
        {
            GraphQLIntValue literal => int.Parse(literal.Value.Span, System.Globalization.CultureInfo.InvariantCulture),
            GraphQLVariable variable when variables.ValueFor(variable.Name.Value, out var argument) && argument.Value is { } given => Convert.ToInt32(given, System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
