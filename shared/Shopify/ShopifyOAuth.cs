using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Shared.Secrets;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// The authorization-code install flow: <see cref="CreateInstallRequest"/> (state nonce, scopes), then
/// <see cref="CompleteAsync"/> on the callback (HMAC of the sorted query, state, shop name, age), code exchange at
/// <c>POST /admin/oauth/access_token</c>, token saved in the <see cref="ISecretStore"/>, SKU metafield definition and
/// webhook subscriptions created. <see cref="DisconnectAsync"/> undoes it. The code is single-use: the exchange is not retried.
/// </summary>
public sealed partial class ShopifyOAuth(ShopifyOAuthOptions options, ISecretStore secrets, HttpClient httpClient)
{
    /// <summary>Builds <c>https://{shop}/admin/oauth/authorize?client_id&amp;scope&amp;redirect_uri&amp;state</c> with a fresh nonce.</summary>
    /// <exception cref="ShopifyException">The shop is not a valid myshopify.com domain.</exception>
    public ShopifyInstallRequest CreateInstallRequest(string shop)
    {
        ValidateShop(shop);
        var state = Base64Url(RandomNumberGenerator.GetBytes(24));
        var query = $"client_id={Uri.EscapeDataString(options.ClientId)}&scope={Uri.EscapeDataString(string.Join(',', options.Scopes))}"
            + $"&redirect_uri={Uri.EscapeDataString(options.RedirectUri.ToString())}&state={state}";
        return new ShopifyInstallRequest(new Uri(options.BaseAddress(shop), "admin/oauth/authorize?" + query), state);
    }

    /// <summary>
    /// True when the callback query carries Shopify's HMAC: hex HMAC-SHA256 over the query without <c>hmac</c> and
    /// <c>signature</c>, sorted by key and form-encoded (spaces as <c>%20</c>), as Shopify's own library computes it.
    /// </summary>
    public bool VerifyCallbackHmac(IReadOnlyDictionary<string, string> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.TryGetValue("hmac", out var given) || given.Length != 64)
        {
            return false;
        }

        var message = string.Join('&', query.Where(p => p.Key is not ("hmac" or "signature")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{FormEncode(p.Key)}={FormEncode(p.Value)}"));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.ClientSecret), Encoding.UTF8.GetBytes(message));
        Span<byte> givenBytes = stackalloc byte[32];
        return Convert.FromHexString(given, givenBytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32
            && CryptographicOperations.FixedTimeEquals(expected, givenBytes);
    }

    /// <summary>Handles the redirect back: checks, exchanges the code, stores the token, registers webhooks.</summary>
    /// <exception cref="ShopifyException">HMAC, state, shop or timestamp is wrong, or the exchange failed.</exception>
    public async Task<ShopifyConnection> CompleteAsync(IReadOnlyDictionary<string, string> query, string expectedState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!VerifyCallbackHmac(query))
        {
            throw new ShopifyException("Shopify OAuth callback HMAC is missing or wrong.");
        }

        if (!query.TryGetValue("state", out var state) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(expectedState)))
        {
            throw new ShopifyException("Shopify OAuth callback state does not match the nonce issued for this install.");
        }

        var shop = query.GetValueOrDefault("shop") ?? throw new ShopifyException("Shopify OAuth callback lacks the shop parameter.");
        ValidateShop(shop);
        if (query.TryGetValue("timestamp", out var ts) && long.TryParse(ts, CultureInfo.InvariantCulture, out var seconds)
            && options.TimeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > options.CallbackMaxAge)
        {
            throw new ShopifyException($"Shopify OAuth callback for {shop} is older than {options.CallbackMaxAge}.");
        }

        var code = query.GetValueOrDefault("code") ?? throw new ShopifyException("Shopify OAuth callback lacks the code parameter.");
        var (token, scopes) = await ExchangeCodeAsync(shop, code, cancellationToken);
        await secrets.SetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(shop), token, cancellationToken);
        using var client = CreateClient(shop, token);
        await client.EnsureSkuMetafieldDefinitionAsync(cancellationToken);
        var subscriptions = await client.RegisterWebhooksAsync(options.WebhookUri, ShopifyWebhookParser.SubscribedTopics, cancellationToken);
        return new ShopifyConnection(shop, scopes, subscriptions);
    }

    /// <summary>
    /// Disconnects a shop: deletes this app's webhook subscriptions (when <paramref name="tokenStillValid"/>; after
    /// <c>app/uninstalled</c> the token is already revoked) and removes the stored token. Safe to repeat.
    /// </summary>
    public async Task DisconnectAsync(string shop, bool tokenStillValid = true, CancellationToken cancellationToken = default)
    {
        var name = ShopifyClientOptions.AccessTokenSecretName(shop);
        var token = await secrets.GetSecretAsync(name, cancellationToken);
        if (token is not null && tokenStillValid)
        {
            using var client = CreateClient(shop, token);
            await client.DeleteWebhooksAsync(options.WebhookUri, cancellationToken);
        }

        await secrets.DeleteSecretAsync(name, cancellationToken);
    }

    private ShopifyClient CreateClient(string shop, string token) =>
        new(new ShopifyClientOptions { ShopDomain = shop, AccessToken = token, BaseAddress = options.BaseAddressForShop?.Invoke(shop) }, httpClient);

    private async Task<(string Token, IReadOnlyList<string> Scopes)> ExchangeCodeAsync(string shop, string code, CancellationToken cancellationToken)
    {
        using var response = await httpClient.PostAsJsonAsync(
            new Uri(options.BaseAddress(shop), "admin/oauth/access_token"),
            new Dictionary<string, string> { ["client_id"] = options.ClientId, ["client_secret"] = options.ClientSecret, ["code"] = code },
            cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ShopifyException($"Shopify OAuth code exchange for {shop} answered {(int)response.StatusCode}.", response.StatusCode, rawBody: body);
        }

        using var document = JsonDocument.Parse(body);
        var token = document.RootElement.OptionalString("access_token") ?? throw new ShopifyException($"Shopify OAuth code exchange for {shop} returned no access_token.");
        var scopes = (document.RootElement.OptionalString("scope") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        return (token, scopes);
    }

    private static void ValidateShop(string shop)
    {
        if (string.IsNullOrEmpty(shop) || !ShopPattern().IsMatch(shop))
        {
            throw new ShopifyException($"'{shop}' is not a valid shop domain (expected name.myshopify.com).");
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9\-]*\.myshopify\.com$")]
    private static partial Regex ShopPattern();

    /// <summary>application/x-www-form-urlencoded (WHATWG) with <c>%20</c> for a space: Shopify's HMAC input.</summary>
    internal static string FormEncode(string value)
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
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
