using System.Text.Json.Nodes;
using GraphQLParser.AST;
using Marketplace.Sandbox.Shopify.GraphQl;

namespace Marketplace.Sandbox.Shopify;

/// <summary>Bulk operations: staged upload targets, run query / run mutation (in the background), status.</summary>
internal static partial class SandboxBulk
{
    public static JsonNode? StagedUploadsCreate(ShopifyRequestContext context)
    {
        var targets = new List<JsonNode?>();
        var errors = new List<JsonObject>();
        var inputs = (context.Variables["input"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i]["resource"]?.GetValue<string>() != "BULK_MUTATION_VARIABLES")
            {
                errors.Add(Gid.UserError("The sandbox stages only BULK_MUTATION_VARIABLES uploads.", null, "input", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "resource"));
                continue;
            }

            var key = $"tmp/{context.Shop.ShopId}/bulk/{Guid.NewGuid()}/{inputs[i]["filename"]?.GetValue<string>() ?? "bulk_op_vars.jsonl"}";
            var url = new Uri(context.BaseUri, "shopify-sandbox/staged-uploads").ToString();
            var date = context.Now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            targets.Add(new JsonObject
            {
                ["url"] = url,
                ["resourceUrl"] = null,
                ["parameters"] = Gid.Array(new (string Name, string Value)[]
                {
                    ("Content-Type", inputs[i]["mimeType"]?.GetValue<string>() ?? "text/jsonl"),
                    ("success_action_status", "201"),
                    ("acl", "private"),
                    ("key", key),
                    ("x-goog-date", date),
                    ("x-goog-credential", $"sandbox-uploads@shopify-sandbox.iam.gserviceaccount.com/{date[..8]}/auto/storage/goog4_request"),
                    ("x-goog-algorithm", "GOOG4-RSA-SHA256"),
                    ("x-goog-signature", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())),
                    ("policy", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"conditions\":[[\"content-length-range\",1,{context.Sandbox.Options.StagedUploadLimitBytes}]]}}"))),
                }.Select(p => (JsonNode?)new JsonObject { ["name"] = p.Name, ["value"] = p.Value })),
            });
        }

        return new JsonObject { ["stagedTargets"] = Gid.Array(targets), ["userErrors"] = Gid.Array(errors) };
    }

    public static JsonNode? RunQuery(ShopifyRequestContext context)
    {
        var query = context.Variables["query"]?.GetValue<string>() ?? string.Empty;
        var (document, _, _, errors) = ShopifyAdminSchema.PrepareAsync(query, GraphQL.Inputs.Empty, null).GetAwaiter().GetResult();
        if (document is null)
        {
            return Payload(null, Gid.UserError("Invalid bulk query: " + errors[0]?["message"]?.GetValue<string>(), "INVALID", "query"));
        }

        if (RootFields(document) is not ["products"])
        {
            return Payload(null, Gid.UserError("The sandbox exports only the products connection.", "INVALID", "query"));
        }

        if (Busy(context, "QUERY") is { } busy)
        {
            return Payload(null, busy);
        }

        var operation = Start(context, "QUERY");
        _ = Task.Run(() => RunExport(context, operation));
        return Payload(operation);
    }

    public static JsonNode? RunMutation(ShopifyRequestContext context)
    {
        var mutation = context.Variables["mutation"]?.GetValue<string>() ?? string.Empty;
        if (!IsSingleMutation(mutation))
        {
            return Payload(null, Gid.UserError("Invalid mutation: the document must contain a single mutation.", "INVALID_MUTATION", "mutation"));
        }

        var path = context.Sandbox.StagedPath(context.Variables["stagedUploadPath"]?.GetValue<string>() ?? string.Empty);
        if (!File.Exists(path))
        {
            return Payload(null, Gid.UserError("The staged upload path does not point to an uploaded file.", "NO_SUCH_FILE", "stagedUploadPath"));
        }

        if (Busy(context, "MUTATION") is { } busy)
        {
            return Payload(null, busy);
        }

        var operation = Start(context, "MUTATION");
        _ = Task.Run(() => RunImport(context, operation, mutation, path));
        return Payload(operation);
    }

    public static JsonNode? BulkOperation(ShopifyRequestContext context)
    {
        var id = Gid.Parse(context.Variables["id"]?.GetValue<string>());
        return context.Shop.BulkOperations.TryGetValue(id, out var operation) ? Node(operation) : null;
    }

    private static string[] RootFields(GraphQLDocument document) =>
        document.Definitions.OfType<GraphQLOperationDefinition>().SelectMany(o => o.SelectionSet.Selections.OfType<GraphQLField>()).Select(f => f.Name.StringValue).ToArray();

    // Each line is validated and run on its own; here only the shape: one mutation with one root field.
    private static bool IsSingleMutation(string mutation)
    {
        try
        {
            var document = GraphQLParser.Parser.Parse(mutation);
            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            return operations is [{ Operation: OperationType.Mutation } only] && only.SelectionSet.Selections.Count == 1;
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
        {
            return false;
        }
    }

    internal static JsonObject Node(SandboxBulkOperation operation) => new()
    {
        ["id"] = Gid.Of("BulkOperation", operation.Id),
        ["status"] = operation.Status,
        ["errorCode"] = operation.ErrorCode,
        ["type"] = operation.Type,
        ["objectCount"] = operation.ObjectCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fileSize"] = operation.Status == "COMPLETED" ? operation.FileSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        ["url"] = operation.Url?.ToString(),
        ["partialDataUrl"] = null,
        ["createdAt"] = Gid.Timestamp(operation.CreatedAt),
        ["completedAt"] = operation.CompletedAt is { } at ? Gid.Timestamp(at) : null,
    };

    private static JsonObject Payload(SandboxBulkOperation? operation, params JsonObject[] errors) =>
        new() { ["bulkOperation"] = operation is null ? null : Node(operation), ["userErrors"] = Gid.Array(errors) };

    private static JsonObject? Busy(ShopifyRequestContext context, string type)
    {
        var running = context.Shop.BulkOperations.Values.Where(o => o.Status is "CREATED" or "RUNNING").ToList();
        var limited = context.VersionAtLeast("2026-01")
            ? running.Count >= context.Sandbox.Options.BulkConcurrencyLimit
            : running.Any(o => o.Type == type);
        if (!limited)
        {
            return null;
        }

        var blocker = running.First(o => !context.VersionAtLeast("2026-01") ? o.Type == type : true);
        return Gid.UserError($"A bulk {type.ToLowerInvariant()} operation for this app and shop is already in progress: {Gid.Of("BulkOperation", blocker.Id)}.", "OPERATION_IN_PROGRESS");
    }

    private static SandboxBulkOperation Start(ShopifyRequestContext context, string type)
    {
        var operation = new SandboxBulkOperation { Id = context.Sandbox.NextId(), Type = type, CreatedAt = context.Now };
        context.Shop.BulkOperations[operation.Id] = operation;
        return operation;
    }
}
