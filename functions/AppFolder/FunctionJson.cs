using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Functions.Catalog;

namespace Marketplace.Functions.AppFolder;

/// <summary>
/// Renders <c>function.json</c> and <c>host.json</c> as Microsoft's binding reference documents them
/// (httpTrigger + http out, timerTrigger, queueTrigger, blobTrigger; host.json <c>customHandler</c> and the
/// extension bundle <c>[4.*, 5.0.0)</c>).
/// </summary>
internal static class FunctionJson
{
    public const string ExtensionBundleId = "Microsoft.Azure.Functions.ExtensionBundle";
    public const string ExtensionBundleVersion = "[4.*, 5.0.0)";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Render(FunctionDefinition definition)
    {
        var bindings = new JsonArray();
        switch (definition.Trigger)
        {
            case HttpTrigger http:
                bindings.Add(new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = http.BindingName,
                    ["authLevel"] = http.AuthLevel,
                    ["methods"] = new JsonArray([.. http.Methods.Select(m => (JsonNode)m.ToLowerInvariant())]),
                    ["route"] = http.Route,
                });
                bindings.Add(new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = HttpTrigger.OutputName });
                break;
            case TimerTrigger timer:
                bindings.Add(new JsonObject
                {
                    ["type"] = "timerTrigger",
                    ["direction"] = "in",
                    ["name"] = timer.BindingName,
                    ["schedule"] = timer.Schedule,
                    ["runOnStartup"] = timer.RunOnStartup,
                    ["useMonitor"] = timer.UseMonitor,
                });
                break;
            case QueueTrigger queue:
                bindings.Add(new JsonObject
                {
                    ["type"] = "queueTrigger",
                    ["direction"] = "in",
                    ["name"] = queue.BindingName,
                    ["queueName"] = queue.QueueName,
                    ["connection"] = queue.Connection,
                });
                break;
            case BlobTrigger blob:
                var node = new JsonObject
                {
                    ["type"] = "blobTrigger",
                    ["direction"] = "in",
                    ["name"] = blob.BindingName,
                    ["path"] = blob.Path,
                    ["connection"] = blob.Connection,
                };
                if (blob.DataType is not null)
                {
                    node["dataType"] = blob.DataType;
                }

                bindings.Add(node);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(definition), definition.Trigger, "Unknown trigger kind.");
        }

        return new JsonObject { ["bindings"] = bindings };
    }

    /// <summary>
    /// host.json for the custom handler. HTTP requests are forwarded raw (<c>enableForwardingHttpRequest</c>) so
    /// webhook signatures are checked over the exact bytes the platform sent; the HTTP functions have only an
    /// http output, which forwarding requires.
    /// </summary>
    public static JsonObject RenderHost(string executable) => new()
    {
        ["version"] = "2.0",
        ["extensionBundle"] = new JsonObject { ["id"] = ExtensionBundleId, ["version"] = ExtensionBundleVersion },
        ["customHandler"] = new JsonObject
        {
            ["description"] = new JsonObject
            {
                ["defaultExecutablePath"] = executable,
                ["workingDirectory"] = string.Empty,
                ["arguments"] = new JsonArray(),
            },
            ["enableForwardingHttpRequest"] = true,
        },
        ["extensions"] = new JsonObject
        {
            ["http"] = new JsonObject { ["routePrefix"] = HttpTrigger.RoutePrefix },
            ["queues"] = new JsonObject { ["maxDequeueCount"] = 5, ["batchSize"] = 16, ["visibilityTimeout"] = "00:00:00" },
        },
        ["logging"] = new JsonObject { ["logLevel"] = new JsonObject { ["default"] = "Information" } },
    };

    public static string ToText(JsonNode node) => node.ToJsonString(Indented) + "\n";
}
