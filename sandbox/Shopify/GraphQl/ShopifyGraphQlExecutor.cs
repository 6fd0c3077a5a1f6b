using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQLParser.AST;

namespace Marketplace.Sandbox.Shopify.GraphQl;

/// <summary>Runs a document on <see cref="ShopifyAdminSchema"/> and answers <c>{data, errors}</c> in Shopify's shape.</summary>
internal static class ShopifyGraphQlExecutor
{
    private static readonly GraphQLSerializer Serializer = new();
    private static readonly DocumentExecuter Executer = new();

    public static Inputs ReadVariables(JsonObject? variables) =>
        variables is null ? Inputs.Empty : Serializer.Deserialize<Inputs>(variables.ToJsonString()) ?? Inputs.Empty;

    /// <summary>Parses, validates and executes; validation errors answer without data, as Shopify does.</summary>
    public static async Task<JsonObject> ExecuteAsync(ShopifyGraphQlRequest request, string query, JsonObject? variables, string? operationName = null)
    {
        var inputs = ReadVariables(variables);
        var (document, _, _, errors) = await ShopifyAdminSchema.PrepareAsync(query, inputs, operationName);
        return document is null ? new JsonObject { ["errors"] = errors } : await ExecuteAsync(request, document, query, inputs, operationName);
    }

    /// <summary>Executes a document already prepared by <see cref="ShopifyAdminSchema.PrepareAsync"/>.</summary>
    public static async Task<JsonObject> ExecuteAsync(ShopifyGraphQlRequest request, GraphQLDocument document, string query, Inputs variables, string? operationName)
    {
        var result = await Executer.ExecuteAsync(options =>
        {
            options.Schema = ShopifyAdminSchema.Instance;
            options.Query = query;
            options.Document = document;
            options.Variables = variables;
            options.OperationName = operationName;
            options.UserContext = request;
            options.ThrowOnUnhandledException = false;

            // A sandbox bug should say what went wrong, not only which field.
            options.UnhandledExceptionDelegate = context =>
            {
                context.ErrorMessage = $"{context.OriginalException.GetType().Name}: {context.OriginalException.Message}";
                return Task.CompletedTask;
            };
        });
        var json = JsonNode.Parse(Serializer.Serialize(result)) as JsonObject ?? [];
        if (result.Errors is { Count: > 0 } executionErrors)
        {
            json.Remove("errors");
            var data = json["data"];
            json.Remove("data");
            json["errors"] = new JsonArray(executionErrors.Select(e => (JsonNode?)ShopifyGraphQlErrors.From(e)).ToArray());
            json["data"] = data;
        }

        return json;
    }
}
