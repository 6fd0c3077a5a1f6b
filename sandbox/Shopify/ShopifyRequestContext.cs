using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>What a root-field handler gets: the shop, the root field's arguments (as <c>Variables</c>), the operation and where the sandbox is.</summary>
internal sealed class ShopifyRequestContext(ShopifySandbox sandbox, SandboxShop shop, JsonObject variables, ShopifyOperation operation, Uri baseUri, string apiVersion)
{
    public ShopifySandbox Sandbox => sandbox;
    public SandboxShop Shop => shop;
    public JsonObject Variables => variables;
    public ShopifyOperation Operation => operation;
    public Uri BaseUri => baseUri;
    public string ApiVersion => apiVersion;

    public DateTimeOffset Now => sandbox.Time.GetUtcNow();

    /// <summary>True when the request's API version is at least <paramref name="version"/> (yyyy-MM compare).</summary>
    public bool VersionAtLeast(string version) => string.CompareOrdinal(apiVersion, version) >= 0 || apiVersion == "unstable";
}

/// <summary>A top-level GraphQL error (not a userError).</summary>
internal sealed class SandboxGraphQlException(string message, string code) : Exception(message)
{
    public string Code => code;
}

/// <summary>Global ids and JSON helpers.</summary>
internal static class Gid
{
    public static string Of(string type, long id) => $"gid://shopify/{type}/{id.ToString(CultureInfo.InvariantCulture)}";

    public static long Parse(string? gid)
    {
        if (gid is null)
        {
            return 0;
        }

        var tail = gid[(gid.LastIndexOf('/') + 1)..];
        var query = tail.IndexOf('?', StringComparison.Ordinal);
        return long.TryParse(query >= 0 ? tail[..query] : tail, CultureInfo.InvariantCulture, out var id) ? id : 0;
    }

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static JsonObject UserError(string message, string? code, params string[] field) => new()
    {
        ["field"] = field.Length == 0 ? null : new JsonArray(field.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
        ["message"] = message,
        ["code"] = code,
    };

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());
}
