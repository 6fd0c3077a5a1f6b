using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Instrumentation;
using GraphQL.Types;

namespace Marketplace.Sandbox.Shopify.GraphQl;

/// <summary>
/// The one resolver of the schema. Root fields go to the <see cref="ShopifyDispatcher"/> handlers with their
/// (coerced) arguments; below the root, fields are read from the JSON the handler returned. Connections are sized by
/// <c>first</c>/<c>last</c> and answer <c>edges</c>, <c>nodes</c> and <c>pageInfo</c>. A field the sandbox has no data
/// for is an error naming it, never a silent null.
/// </summary>
internal static class ShopifyResolver
{
    public const string NotImplemented = "SANDBOX_NOT_IMPLEMENTED";

    public static async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (context.ParentType.Name.StartsWith("__", StringComparison.Ordinal) || context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal))
        {
            return await next(context);
        }

        var request = (ShopifyGraphQlRequest)context.UserContext;
        if (context.ParentType == context.Schema.Query || context.ParentType == context.Schema.Mutation)
        {
            return Root(context, request);
        }

        return context.Source is JsonObject source ? Nested(context, source) : null;
    }

    /// <summary>The GraphQL type of a sandbox object: <c>__typename</c>, else the type in its global id.</summary>
    public static string? TypeName(JsonObject node)
    {
        if (node["__typename"] is JsonValue typeName)
        {
            return typeName.GetValue<string>();
        }

        const string prefix = "gid://shopify/";
        if (node["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && id.GetValue<string>() is { } gid && gid.StartsWith(prefix, StringComparison.Ordinal))
        {
            var end = gid.IndexOf('/', prefix.Length);
            return end < 0 ? null : gid[prefix.Length..end];
        }

        return null;
    }

    private static object? Root(IResolveFieldContext context, ShopifyGraphQlRequest request)
    {
        var arguments = new JsonObject();
        foreach (var (name, argument) in context.Arguments ?? (IDictionary<string, ArgumentValue>)new Dictionary<string, ArgumentValue>())
        {
            if (argument.Value is not null || argument.Source != ArgumentSource.FieldDefault)
            {
                arguments[name] = JsonSerializer.SerializeToNode(argument.Value);
            }
        }

        var key = context.Directives?.TryGetValue("idempotent", out var idempotent) == true ? idempotent.Arguments["key"].Value as string : null;
        var operation = new ShopifyOperation(context.ParentType == context.Schema.Mutation, context.FieldDefinition.Name, key);
        var handlerContext = new ShopifyRequestContext(request.Sandbox, request.Shop, arguments, operation, request.BaseUri, request.ApiVersion);
        try
        {
            return Value(context, ShopifyDispatcher.Execute(handlerContext));
        }
        catch (SandboxGraphQlException ex)
        {
            throw new ExecutionError(ex.Message) { Code = ex.Code };
        }
    }

    private static object? Nested(IResolveFieldContext context, JsonObject source)
    {
        var name = context.FieldDefinition.Name;
        if (source.TryGetPropertyValue(name, out var value))
        {
            return Value(context, Filter(context, value));
        }

        throw new ExecutionError($"The Shopify sandbox does not resolve {context.ParentType.Name}.{name}.") { Code = NotImplemented };
    }

    // Arguments that narrow what a field returns: metafields(namespace:), quantities(names:), inventoryLevel(locationId:).
    private static JsonNode? Filter(IResolveFieldContext context, JsonNode? value)
    {
        if (context.GetArgument<string?>("locationId") is { } locationId && value is JsonObject level && level["location"]?["id"]?.GetValue<string>() != locationId)
        {
            return null;
        }

        if (context.GetArgument<string[]?>("names") is { } names && value is JsonArray named)
        {
            return new JsonArray(named.Where(n => names.Contains(n?["name"]?.GetValue<string>() ?? string.Empty)).Select(n => n?.DeepClone()).ToArray());
        }

        if (context.GetArgument<string?>("namespace") is { } ns && value is JsonObject { } connection && connection["nodes"] is JsonArray nodes)
        {
            var kept = new JsonObject { ["nodes"] = new JsonArray(nodes.Where(n => n?["namespace"]?.GetValue<string>() == ns).Select(n => n?.DeepClone()).ToArray()) };
            return kept;
        }

        return value;
    }

    private static object? Value(IResolveFieldContext context, JsonNode? value)
    {
        var type = context.FieldDefinition.ResolvedType!.GetNamedType();
        if (value is JsonObject node && type.Name.EndsWith("Connection", StringComparison.Ordinal) && type is IObjectGraphType)
        {
            return Connection(context, node);
        }

        return Clr(value);
    }

    private static object? Clr(JsonNode? value) => value switch
    {
        null => null,
        JsonObject node => node,
        JsonArray list => list.Select(Clr).ToList(),
        JsonValue scalar => JsonSerializer.SerializeToElement(scalar) switch
        {
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.Number } number => number.TryGetInt32(out var integer) ? (object)integer : number.GetDouble(),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Sizes a connection by first/last and gives it nodes, edges (with cursors) and a full pageInfo.</summary>
    private static JsonObject Connection(IResolveFieldContext context, JsonObject connection)
    {
        var all = (connection["nodes"] as JsonArray)?.ToList() ?? (connection["edges"] as JsonArray ?? []).Select(e => e?["node"]).ToList();
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        var nodes = first is { } f ? all.Take(f).ToList() : last is { } l ? all.TakeLast(l).ToList() : all;
        var pageInfo = connection["pageInfo"] as JsonObject ?? [];
        var endCursor = pageInfo["endCursor"]?.GetValue<string>();
        var edges = nodes.Select((n, i) => (JsonNode?)new JsonObject
        {
            ["cursor"] = i == nodes.Count - 1 && endCursor is not null ? endCursor : Cursor(n),
            ["node"] = n?.DeepClone(),
        }).ToArray();
        return new JsonObject
        {
            ["nodes"] = new JsonArray(nodes.Select(n => n?.DeepClone()).ToArray()),
            ["edges"] = new JsonArray(edges),
            ["pageInfo"] = new JsonObject
            {
                ["hasNextPage"] = pageInfo["hasNextPage"]?.GetValue<bool>() ?? (first is not null && all.Count > nodes.Count),
                ["hasPreviousPage"] = pageInfo["hasPreviousPage"]?.GetValue<bool>() ?? (last is not null && all.Count > nodes.Count),
                ["startCursor"] = edges.Length == 0 ? null : edges[0]!["cursor"]!.GetValue<string>(),
                ["endCursor"] = edges.Length == 0 ? null : edges[^1]!["cursor"]!.GetValue<string>(),
            },
        };
    }

    private static string Cursor(JsonNode? node) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox:" + (node?["id"]?.GetValue<string>() ?? string.Empty)));
}
