using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// OAuth authorization-code endpoints. The merchant's approval is implicit: authorize redirects straight back with
/// <c>code</c>, <c>hmac</c>, <c>host</c>, <c>shop</c>, <c>state</c>, <c>timestamp</c> signed like Shopify (hex HMAC of the sorted query).
/// </summary>
internal static class SandboxOAuth
{
    public const string DefaultShop = "sandbox-shop.myshopify.com";

    public static IResult Authorize(HttpRequest request, ShopifySandbox sandbox, string? shop)
    {
        var query = request.Query;
        if (query["client_id"] != sandbox.Options.ClientId)
        {
            return Results.BadRequest(new { errors = "Oauth error invalid_request: The client_id is invalid" });
        }

        var redirect = query["redirect_uri"].ToString();
        if (!Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri))
        {
            return Results.BadRequest(new { errors = "Oauth error invalid_request: The redirect_uri is missing or not whitelisted" });
        }

        var domain = shop ?? ShopFromHost(request.Host.Host) ?? DefaultShop;
        var code = sandbox.IssueCode(sandbox.GetOrCreateShop(domain), query["scope"].ToString());
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = code,
            ["host"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin.shopify.com/store/{domain.Split('.')[0]}")).TrimEnd('='),
            ["shop"] = domain,
            ["state"] = query["state"].ToString(),
            ["timestamp"] = sandbox.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        // Signed over the form-encoded query (spaces as %20), as Shopify's libraries verify it.
        var message = string.Join('&', parameters.Select(p => $"{FormEncode(p.Key)}={FormEncode(p.Value)}"));
        var hmac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(sandbox.Options.ClientSecret), Encoding.UTF8.GetBytes(message)));
        var location = $"{redirectUri}{(redirectUri.Query.Length > 0 ? "&" : "?")}{message}&hmac={hmac}";
        return Results.Redirect(location);
    }

    /// <summary>The shop a request names in its host (<c>{shop}.myshopify.com</c>), as on Shopify.</summary>
    public static string? ShopFromHost(string host) =>
        host.EndsWith(".myshopify.com", StringComparison.OrdinalIgnoreCase) ? host.ToLowerInvariant() : null;

    private static string FormEncode(string value)
    {
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'*' or (byte)'-' or (byte)'.' or (byte)'_')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    public static async Task<IResult> AccessTokenAsync(HttpRequest request, ShopifySandbox sandbox, CancellationToken cancellationToken)
    {
        var body = request.HasFormContentType
            ? (await request.ReadFormAsync(cancellationToken)).ToDictionary(p => p.Key, p => (string?)p.Value.ToString())
            : (await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>());
        if (body.GetValueOrDefault("client_id") != sandbox.Options.ClientId || body.GetValueOrDefault("client_secret") != sandbox.Options.ClientSecret)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Client authentication failed" }, statusCode: 401);
        }

        if (sandbox.RedeemCode(body.GetValueOrDefault("code") ?? string.Empty) is not { } grant)
        {
            return Results.Json(new { error = "invalid_request", error_description = "The authorization code was not found or was already used" }, statusCode: 400);
        }

        return Results.Json(new { access_token = grant.Token, scope = grant.Scope });
    }

    /// <summary>Sandbox-only: the merchant uninstalls the app (tokens revoked, app/uninstalled delivered).</summary>
    public static IResult Uninstall(HttpRequest request, ShopifySandbox sandbox)
    {
        var shop = sandbox.FindByToken(request.Headers["X-Shopify-Access-Token"].FirstOrDefault());
        if (shop is null)
        {
            return Results.Unauthorized();
        }

        lock (shop.Gate)
        {
            sandbox.Webhooks.Enqueue(shop, "app/uninstalled", new JsonObject { ["id"] = shop.ShopId, ["name"] = shop.Domain.Split('.')[0], ["domain"] = shop.Domain, ["myshopify_domain"] = shop.Domain });
            shop.Webhooks.Clear();
        }

        sandbox.RevokeTokens(shop);
        return Results.NoContent();
    }
}
