using System.Text.Json.Nodes;
using Marketplace.TestSupport;

namespace Marketplace.Functions.Tests.Hosting;

/// <summary>
/// The functions.metadata of the published app (<c>out/app</c>, written by
/// <c>dotnet publish functions/Marketplace.Functions.csproj -c Release -o out/app</c>, which scripts/test.sh runs first):
/// what the Functions host indexes in Azure.
/// </summary>
internal static class PublishedMetadata
{
    public static string Path => System.IO.Path.Combine(RepositoryPaths.Root, "out", "app", "functions.metadata");

    /// <summary>Each function's name and its bindings (the trigger first).</summary>
    public static IReadOnlyDictionary<string, JsonArray> Functions()
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException(
                $"{Path} is missing: publish the app first with 'dotnet publish functions/Marketplace.Functions.csproj -c Release -o out/app' (scripts/test.sh does).", Path);
        }

        var functions = JsonNode.Parse(File.ReadAllText(Path))!.AsArray();
        return functions.ToDictionary(f => (string)f!["name"]!, f => f!["bindings"]!.AsArray(), StringComparer.Ordinal);
    }

    /// <summary>The trigger binding of a function (the binding whose type ends in <c>Trigger</c>).</summary>
    public static JsonObject Trigger(JsonArray bindings) =>
        bindings.Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));
}
