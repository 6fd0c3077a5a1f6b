using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Marketplace.Sandbox.Shopify.GraphQl;

/// <summary>
/// Shopify's published Admin API schema (<c>admin_2026-10</c> introspection from npm <c>@shopify/dev-mcp</c>, copied
/// next to the assembly at build time) as an executable GraphQL.NET schema: every field resolves through
/// <see cref="ShopifyResolver"/>; object types are told apart by <c>__typename</c> or the type in their global id.
/// </summary>
internal static class ShopifyAdminSchema
{
    public const string Version = "2026-10";

    private static readonly Lazy<ISchema> Lazy = new(Build);

    public static ISchema Instance => Lazy.Value;

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Shopify", "Schema", $"admin_{Version}.json.gz");

    /// <summary>Parses and validates a document (variables coerced); errors come back in Shopify's shape.</summary>
    public static async Task<(GraphQLDocument? Document, GraphQLOperationDefinition? Operation, Variables? Variables, JsonArray Errors)> PrepareAsync(string query, Inputs variables, string? operationName)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            return (null, null, null, [ShopifyGraphQlErrors.Syntax(ex)]);
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null ? (operations.Count == 1 ? operations[0] : null) : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        if (operation is null)
        {
            var message = operationName is null ? "An operation name is required" : $"No operation named \"{operationName}\"";
            return (null, null, null, [new JsonObject { ["message"] = message }]);
        }

        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = Instance,
            Document = document,
            Operation = operation,
            Variables = variables,
            Rules = DocumentValidator.CoreRules,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            RequestServices = null,
        });
        return result.IsValid
            ? (document, operation, result.Variables, [])
            : (null, null, null, new JsonArray(result.Errors.Select(e => (JsonNode?)ShopifyGraphQlErrors.From(e, document, operation)).ToArray()));
    }

    private static ISchema Build()
    {
        using var file = File.OpenRead(FilePath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var introspection = JsonDocument.Parse(gzip);
        var (sdl, objectTypes, scalars) = IntrospectionSdl.Convert(introspection.RootElement);
        var schema = Schema.For(sdl, builder =>
        {
            foreach (var name in objectTypes)
            {
                builder.Types.For(name).IsTypeOfFunc = source => source is JsonObject node && (ShopifyResolver.TypeName(node) ?? name) == name;
            }
        });
        foreach (var scalar in scalars)
        {
            schema.RegisterType(new ShopifyScalar(scalar));
        }

        schema.FieldMiddleware.Use(next => context => ShopifyResolver.ResolveAsync(context, next));
        schema.Initialize();
        return schema;
    }
}
