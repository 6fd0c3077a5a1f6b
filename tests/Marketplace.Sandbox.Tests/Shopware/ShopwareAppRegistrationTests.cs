using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Shopware.App;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopware;

/// <summary>The app registration handshake as Shopware's app system documents it: signatures, proof, per-shop secret, refusals.</summary>
public sealed class ShopwareAppRegistrationTests
{
    private const string AppSecret = "test-app-secret";
    private const string ShopId = "aB3dE5gH7jK9mN1p";
    private const string ShopUrl = "https://shop.example";
    private static readonly Uri Confirm = new("https://app.example/api/shopware/app/confirm");

    private readonly InMemorySecretStore _secrets = new();
    private readonly ShopwareAppRegistration _registration;

    public ShopwareAppRegistrationTests() =>
        _registration = new ShopwareAppRegistration(new ShopwareAppOptions { AppName = "MarketplaceSync", AppSecret = AppSecret }, _secrets, TimeProvider.System);

    [Fact]
    public async Task Register_SignedWithTheAppSecret_AnswersTheProof_AndTheConfirmationStoresTheShopsCredentials()
    {
        var query = Query(DateTimeOffset.UtcNow);

        var answer = await _registration.RegisterAsync("?" + query, Hmac(AppSecret, query), Confirm);
        var body = ConfirmBody(DateTimeOffset.UtcNow);
        var shop = await _registration.ConfirmAsync(body, Hmac(answer.Secret, body));

        answer.Proof.ShouldBe(Hmac(AppSecret, ShopId + ShopUrl + "MarketplaceSync"));
        answer.ConfirmationUrl.ShouldBe(Confirm);
        shop.ShouldBe(new ShopwareAppShop(ShopId, ShopUrl));
        (await _registration.GetAsync(ShopId, "api-key")).ShouldBe("SWIAKEY");
        (await _registration.GetAsync(ShopId, "secret-key")).ShouldBe("secret-access-key");
        (await _registration.GetAsync(ShopId, "shop-secret")).ShouldBe(answer.Secret);
        (await _registration.GetAsync(ShopId, "pending-secret")).ShouldBeNull();
    }

    [Fact]
    public async Task Register_WithAWrongSignatureOrAnOldTimestamp_IsRefused_AndNothingIsStored()
    {
        var query = Query(DateTimeOffset.UtcNow);
        var old = Query(DateTimeOffset.UtcNow.AddHours(-1));

        await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.RegisterAsync(query, Hmac("another-secret", query), Confirm));
        await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.RegisterAsync(query + "&extra=1", Hmac(AppSecret, query), Confirm));
        await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.RegisterAsync(query, null, Confirm));
        (await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.RegisterAsync(old, Hmac(AppSecret, old), Confirm))).Message.ShouldContain("old");

        (await _registration.GetAsync(ShopId, "pending-secret")).ShouldBeNull();
    }

    [Fact]
    public async Task Confirm_SignedWithTheAppSecret_OrForAShopThatNeverRegistered_IsRefused()
    {
        var body = ConfirmBody(DateTimeOffset.UtcNow);
        await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.ConfirmAsync(body, Hmac(AppSecret, body)));

        var query = Query(DateTimeOffset.UtcNow);
        await _registration.RegisterAsync(query, Hmac(AppSecret, query), Confirm);
        await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.ConfirmAsync(body, Hmac(AppSecret, body)));

        (await _registration.GetAsync(ShopId, "api-key")).ShouldBeNull();
    }

    [Fact]
    public async Task Webhook_IsVerifiedWithTheShopsSecret_AndRefusedForAnotherShopOrAnAlteredBody()
    {
        var query = Query(DateTimeOffset.UtcNow);
        var answer = await _registration.RegisterAsync(query, Hmac(AppSecret, query), Confirm);
        var confirm = ConfirmBody(DateTimeOffset.UtcNow);
        await _registration.ConfirmAsync(confirm, Hmac(answer.Secret, confirm));
        var webhook = Webhook(ShopId);
        var stranger = Webhook("zZ9yY8xX7wW6vV5u");

        (await _registration.VerifyWebhookAsync(webhook, Hmac(answer.Secret, webhook))).ShouldBe("event-1");
        await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.VerifyWebhookAsync(webhook, Hmac(AppSecret, webhook)));
        var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(webhook).Replace("placed", "cancel", StringComparison.Ordinal));
        await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.VerifyWebhookAsync(altered, Hmac(answer.Secret, webhook)));
        (await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.VerifyWebhookAsync(stranger, Hmac(answer.Secret, stranger))))
            .Message.ShouldContain("has not registered");
    }

    [Fact]
    public async Task ReRegistration_KeepsTheOldSecretUntilTheShopConfirms()
    {
        var query = Query(DateTimeOffset.UtcNow);
        var first = await _registration.RegisterAsync(query, Hmac(AppSecret, query), Confirm);
        var confirm = ConfirmBody(DateTimeOffset.UtcNow);
        await _registration.ConfirmAsync(confirm, Hmac(first.Secret, confirm));
        var webhook = Webhook(ShopId);

        var second = await _registration.RegisterAsync(query, Hmac(AppSecret, query), Confirm);
        (await _registration.VerifyWebhookAsync(webhook, Hmac(first.Secret, webhook))).ShouldBe("event-1");
        await _registration.ConfirmAsync(confirm, Hmac(second.Secret, confirm));

        second.Secret.ShouldNotBe(first.Secret);
        await Should.ThrowAsync<ShopwareAppAuthenticationException>(() => _registration.VerifyWebhookAsync(webhook, Hmac(first.Secret, webhook)));
        (await _registration.VerifyWebhookAsync(webhook, Hmac(second.Secret, webhook))).ShouldBe("event-1");
    }

    [Theory]
    [InlineData("SWIAKEY", "secret", null, true)]
    [InlineData("", "", "aB3dE5gH7jK9mN1p", true)]
    [InlineData("", "", null, false)]
    [InlineData("SWIAKEY", "", null, false)]
    public void ClientOptions_NeedIntegrationKeys_OrTheShopIdOfTheAppRegistration(string clientId, string clientSecret, string? appShopId, bool valid)
    {
        var options = new Marketplace.Shared.Shopware.ShopwareClientOptions
        {
            BaseUrl = new Uri(ShopUrl), ClientId = clientId, ClientSecret = clientSecret, AppShopId = appShopId, TaxId = "792203a53e564e28bcb7ffa1867fb485",
        };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true).ShouldBe(valid);
    }

    private static string Query(DateTimeOffset at) =>
        $"shop-id={ShopId}&shop-url={Uri.EscapeDataString(ShopUrl)}&timestamp={at.ToUnixTimeSeconds()}&sw-version=6.6.10.0";

    private static byte[] ConfirmBody(DateTimeOffset at) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["apiKey"] = "SWIAKEY", ["secretKey"] = "secret-access-key", ["timestamp"] = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["shopUrl"] = ShopUrl, ["shopId"] = ShopId,
    }.ToJsonString());

    private static byte[] Webhook(string shopId) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["data"] = new JsonObject { ["payload"] = new JsonObject { ["order"] = new JsonObject { ["id"] = "0189" } }, ["event"] = "checkout.order.placed" },
        ["source"] = new JsonObject { ["url"] = ShopUrl, ["appVersion"] = "1.0.0", ["shopId"] = shopId, ["eventId"] = "event-1" },
        ["timestamp"] = 1,
    }.ToJsonString());

    private static string Hmac(string key, string message) => Hmac(key, Encoding.UTF8.GetBytes(message));

    private static string Hmac(string key, byte[] message) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message));
}
