using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Shared.Secrets;

namespace Marketplace.Shared.Shopware.App;

/// <summary>What the registration request is answered with (Shopware checks the proof, then posts to the confirmation URL).</summary>
public sealed record ShopwareRegistrationAnswer(string Proof, string Secret, Uri ConfirmationUrl);

/// <summary>A shop whose registration was confirmed: its credentials are in the secret store.</summary>
public sealed record ShopwareAppShop(string ShopId, string ShopUrl);

/// <summary>A registration request, confirmation or app webhook whose signature, shop or age does not check out.</summary>
public sealed class ShopwareAppAuthenticationException(string message) : Exception(message);

/// <summary>
/// The Shopware app system's registration handshake. <see cref="RegisterAsync"/>: the shop's <c>GET</c> to the manifest's
/// registration URL (<c>shop-id</c>, <c>shop-url</c>, <c>timestamp</c>; header <c>shopware-app-signature</c> = hex
/// HMAC-SHA256 of the query string with the app secret) is answered with the proof (HMAC of shop id + shop URL + app name), a
/// fresh per-shop secret and the confirmation URL. <see cref="ConfirmAsync"/>: the shop's <c>POST</c> there (<c>apiKey</c>,
/// <c>secretKey</c>, <c>shopId</c>, <c>shopUrl</c>, <c>timestamp</c>; header <c>shopware-shop-signature</c> = HMAC of the body
/// with the per-shop secret) stores the shop's credentials. App webhooks are then signed with that per-shop secret
/// (<see cref="VerifyWebhookAsync"/>). A shop registering again gets a new secret; the old one holds until it confirms.
/// </summary>
public sealed class ShopwareAppRegistration(ShopwareAppOptions options, ISecretStore secrets, TimeProvider time)
{
    /// <summary>Header of the registration request's signature (app secret).</summary>
    public const string AppSignatureHeader = "shopware-app-signature";

    /// <summary>Header of the confirmation's and webhooks' signature (per-shop secret).</summary>
    public const string ShopSignatureHeader = "shopware-shop-signature";

    public ShopwareAppOptions Options => options;

    /// <summary>
    /// Checks the registration request and answers it; the new shop secret waits for the confirmation. <paramref name="query"/>
    /// is the query string exactly as received (signed as sent, never re-encoded), with or without the leading <c>?</c>.
    /// </summary>
    /// <exception cref="ShopwareAppAuthenticationException">Signature, parameters or timestamp are wrong.</exception>
    public async Task<ShopwareRegistrationAnswer> RegisterAsync(string query, string? signature, Uri confirmationUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(confirmationUrl);
        var appSecret = AppSecret();
        query = query.TrimStart('?');
        if (!Matches(appSecret, Encoding.UTF8.GetBytes(query), signature))
        {
            throw new ShopwareAppAuthenticationException($"The {AppSignatureHeader} of the registration request is missing or wrong.");
        }

        var values = System.Web.HttpUtility.ParseQueryString(query);
        var shopId = Required(values["shop-id"], "shop-id");
        var shopUrl = Required(values["shop-url"], "shop-url");
        CheckAge(values["timestamp"], "registration request");
        var shopSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await secrets.SetSecretAsync(Name(shopId, "pending-secret"), shopSecret, cancellationToken);
        await secrets.SetSecretAsync(Name(shopId, "pending-url"), shopUrl, cancellationToken);
        return new ShopwareRegistrationAnswer(Hex(appSecret, shopId + shopUrl + options.AppName), shopSecret, confirmationUrl);
    }

    /// <summary>Checks the confirmation against the secret handed to this shop and stores its id, URL and integration credentials.</summary>
    /// <exception cref="ShopwareAppAuthenticationException">Unknown shop, wrong signature, another shop URL or an old timestamp.</exception>
    public async Task<ShopwareAppShop> ConfirmAsync(ReadOnlyMemory<byte> body, string? signature, CancellationToken cancellationToken = default)
    {
        AppSecret();
        var json = Parse(body) ?? throw new ShopwareAppAuthenticationException("The confirmation is not a JSON object.");
        var shopId = Required(json["shopId"]?.ToString(), "shopId");
        var shopSecret = await secrets.GetSecretAsync(Name(shopId, "pending-secret"), cancellationToken)
            ?? throw new ShopwareAppAuthenticationException($"Shop {shopId} has no registration waiting for confirmation.");
        if (!Matches(shopSecret, body.Span, signature))
        {
            throw new ShopwareAppAuthenticationException($"The {ShopSignatureHeader} of the confirmation is missing or wrong.");
        }

        var shopUrl = Required(json["shopUrl"]?.ToString(), "shopUrl");
        if (await secrets.GetSecretAsync(Name(shopId, "pending-url"), cancellationToken) != shopUrl)
        {
            throw new ShopwareAppAuthenticationException($"The confirmation names another shop URL than shop {shopId} registered with.");
        }

        CheckAge(json["timestamp"]?.ToString(), "confirmation");
        await secrets.SetSecretAsync(Name(shopId, "api-key"), Required(json["apiKey"]?.ToString(), "apiKey"), cancellationToken);
        await secrets.SetSecretAsync(Name(shopId, "secret-key"), Required(json["secretKey"]?.ToString(), "secretKey"), cancellationToken);
        await secrets.SetSecretAsync(Name(shopId, "shop-url"), shopUrl, cancellationToken);
        await secrets.SetSecretAsync(Name(shopId, "shop-secret"), shopSecret, cancellationToken);
        await secrets.DeleteSecretAsync(Name(shopId, "pending-secret"), cancellationToken);
        await secrets.DeleteSecretAsync(Name(shopId, "pending-url"), cancellationToken);
        return new ShopwareAppShop(shopId, shopUrl);
    }

    /// <summary>
    /// Checks an app webhook: <c>source.shopId</c> names a confirmed shop and <c>shopware-shop-signature</c> is the HMAC of the
    /// body with that shop's secret. Returns the webhook's <c>source.eventId</c> (may be null).
    /// </summary>
    /// <exception cref="ShopwareAppAuthenticationException">Unsigned, unknown shop or wrong signature.</exception>
    public async Task<string?> VerifyWebhookAsync(ReadOnlyMemory<byte> body, string? signature, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(signature))
        {
            throw new ShopwareAppAuthenticationException($"The '{ShopSignatureHeader}' header is missing.");
        }

        var source = Parse(body)?["source"];
        var shopId = source?["shopId"]?.ToString();
        if (string.IsNullOrEmpty(shopId))
        {
            throw new ShopwareAppAuthenticationException("The webhook names no shop (source.shopId).");
        }

        var shopSecret = await secrets.GetSecretAsync(Name(shopId, "shop-secret"), cancellationToken)
            ?? throw new ShopwareAppAuthenticationException($"Shop {shopId} has not registered the app.");
        return Matches(shopSecret, body.Span, signature)
            ? source?["eventId"]?.ToString()
            : throw new ShopwareAppAuthenticationException($"The signature does not match the body and shop {shopId}'s secret.");
    }

    /// <summary>The stored value <paramref name="part"/> (<c>api-key</c>, <c>secret-key</c>, <c>shop-url</c>, <c>shop-secret</c>) of a confirmed shop.</summary>
    public ValueTask<string?> GetAsync(string shopId, string part, CancellationToken cancellationToken = default) =>
        secrets.GetSecretAsync(Name(shopId, part), cancellationToken);

    /// <summary>Secret name of a shop's value; the shop id is hex-encoded because Shopware's ids are case-sensitive and Key Vault names are not.</summary>
    public static string Name(string shopId, string part) =>
        SecretNames.Compose("shopware-app", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(shopId)), part);

    /// <summary>Hex HMAC-SHA256 of <paramref name="message"/> with <paramref name="key"/>, as Shopware signs.</summary>
    public static string Hex(string key, string message) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message)));

    private string AppSecret() => options.AppSecret is { Length: > 0 } secret ? secret : throw new InvalidOperationException("Shopware:AppSecret is not configured.");

    private static bool Matches(string key, ReadOnlySpan<byte> message, string? signature)
    {
        Span<byte> given = stackalloc byte[32];
        return signature is { Length: 64 } && Convert.FromHexString(signature, given, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32
            && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message), given);
    }

    private void CheckAge(string? timestamp, string what)
    {
        if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new ShopwareAppAuthenticationException($"The {what} has no timestamp.");
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > options.MaxAge || age < -options.MaxAge)
        {
            throw new ShopwareAppAuthenticationException($"The {what} is {age.TotalSeconds:0} s old; at most {options.MaxAge.TotalSeconds:0} s are accepted.");
        }
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw new ShopwareAppAuthenticationException($"'{name}' is missing.") : value;

    private static JsonObject? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonNode.Parse(body.Span) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
