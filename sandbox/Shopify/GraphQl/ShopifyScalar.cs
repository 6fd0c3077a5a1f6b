using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Marketplace.Sandbox.Shopify.GraphQl;

/// <summary>
/// A Shopify custom scalar (<c>Money</c>, <c>DateTime</c>, <c>URL</c>, <c>JSON</c>, ...): values pass through as the
/// JSON they arrive in (strings stay strings), as Shopify's own scalars serialize to strings or JSON.
/// </summary>
internal sealed class ShopifyScalar : ScalarGraphType
{
    public ShopifyScalar(string name)
    {
        Name = name;
    }

    public override object? ParseLiteral(GraphQLValue value) => Literal(value);

    public override bool CanParseLiteral(GraphQLValue value) => value is not GraphQLVariable && (Name == "JSON" || value is not (GraphQLObjectValue or GraphQLListValue));

    public override object? ParseValue(object? value) => value;

    public override object? Serialize(object? value) => value;

    private static object? Literal(GraphQLValue value) => value switch
    {
        GraphQLStringValue s => (string)s.Value,
        GraphQLIntValue i => long.Parse(i.Value.Span, CultureInfo.InvariantCulture),
        GraphQLFloatValue f => double.Parse(f.Value.Span, CultureInfo.InvariantCulture),
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLEnumValue e => (string)e.Name.Value,
        GraphQLListValue l => l.Values?.Select(Literal).ToList() ?? [],
        GraphQLObjectValue o => o.Fields?.ToDictionary(f => (string)f.Name.Value, f => Literal(f.Value)) ?? [],
        _ => null,
    };
}
