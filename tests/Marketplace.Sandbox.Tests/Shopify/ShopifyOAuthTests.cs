using Marketplace.Shared.Secrets;
using Marketplace.Shared.Shopify;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyOAuthTests(ShopifySandboxFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private readonly InMemorySecretStore _secrets = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Install_ExchangesTheCode_StoresTheToken_AndRegistersWebhooks()
    {
        var (oauth, shop) = Create();
        var install = oauth.CreateInstallRequest(shop);
        var callback = await FollowAuthorizeAsync(install.AuthorizeUrl);

        var connection = await oauth.CompleteAsync(callback, install.State);

        connection.ShopDomain.ShouldBe(shop);
        connection.WebhookSubscriptionIds.Count.ShouldBe(ShopifyWebhookParser.SubscribedTopics.Count);
        var options = await ShopifyClientOptions.FromSecretStoreAsync(shop, _secrets, fixture.Server.BaseAddress);
        using var client = new ShopifyClient(options, pacer: new ShopifyCostPacer());
        (await client.SetProductAsync(ShopifySandboxFixture.Draft(1))).ProductId.ShouldStartWith("gid://shopify/Product/");
        fixture.Server.Sandbox.FindByDomain(shop)!.ProductCount.ShouldBe(1);
        install.AuthorizeUrl.Query.ShouldContain("scope=read_products%2Cwrite_products");
    }

    [Fact]
    public async Task Callback_WithTamperedParameters_IsRejectedBeforeAnyExchange()
    {
        var (oauth, shop) = Create();
        var install = oauth.CreateInstallRequest(shop);
        var callback = await FollowAuthorizeAsync(install.AuthorizeUrl);
        var tampered = new Dictionary<string, string>(callback) { ["shop"] = "evil.myshopify.com" };

        oauth.VerifyCallbackHmac(callback).ShouldBeTrue();
        oauth.VerifyCallbackHmac(tampered).ShouldBeFalse();
        (await Should.ThrowAsync<ShopifyException>(() => oauth.CompleteAsync(tampered, install.State))).Message.ShouldContain("HMAC");
        (await Should.ThrowAsync<ShopifyException>(() => oauth.CompleteAsync(callback, "another-nonce"))).Message.ShouldContain("state");
        (await _secrets.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(shop))).ShouldBeNull();
    }

    [Fact]
    public async Task Callback_WithTheShopInTheHost_AndAStateWithSpacesAndPlusSigns_Verifies()
    {
        var (oauth, shop) = Create();
        const string state = "a b+c/d=e&f";
        using var authorize = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Server.BaseAddress, $"admin/oauth/authorize?client_id=sandbox-client-id&scope=write_products&redirect_uri={Uri.EscapeDataString("https://app.example.com/shopify/callback")}&state={Uri.EscapeDataString(state)}"));
        authorize.Headers.Host = shop;
        using var response = await _http.SendAsync(authorize);
        var callback = QueryHelpers.ParseQuery(response.Headers.Location!.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

        callback["shop"].ShouldBe(shop);
        callback["state"].ShouldBe(state);
        oauth.VerifyCallbackHmac(callback).ShouldBeTrue();
        oauth.VerifyCallbackHmac(new Dictionary<string, string>(callback) { ["state"] = "a b c/d=e&f" }).ShouldBeFalse();
    }

    [Fact]
    public void InstallRequest_ForAnInvalidShopName_IsRefused()
    {
        var (oauth, _) = Create();

        Should.Throw<ShopifyException>(() => oauth.CreateInstallRequest("evil.example.com/.myshopify.com"));
    }

    [Fact]
    public async Task Disconnect_RemovesWebhooksAndTheToken_AndCanBeRepeated()
    {
        var (oauth, shop) = Create();
        var install = oauth.CreateInstallRequest(shop);
        await oauth.CompleteAsync(await FollowAuthorizeAsync(install.AuthorizeUrl), install.State);

        await oauth.DisconnectAsync(shop);
        await oauth.DisconnectAsync(shop);

        (await _secrets.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(shop))).ShouldBeNull();
        fixture.Server.Sandbox.FindByDomain(shop)!.Webhooks.ShouldBeEmpty();
    }

    [Fact]
    public async Task ConfigurationSecretStore_ReadsKeyVaultStyleNames_AndIsReadOnly()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["shopify:my-shop-myshopify-com:access-token"] = "shpat_x" }).Build();
        var store = new ConfigurationSecretStore(configuration);

        (await store.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName("my-shop.myshopify.com"))).ShouldBe("shpat_x");
        (await store.GetSecretAsync("missing--secret")).ShouldBeNull();
        await Should.ThrowAsync<NotSupportedException>(async () => await store.SetSecretAsync("a", "b"));
    }

    [Fact]
    public async Task ClientOptions_FromConfiguration_TakeTheTokenFromTheSecretStore()
    {
        await _secrets.SetSecretAsync(ShopifyClientOptions.AccessTokenSecretName("cfg.myshopify.com"), "shpat_secret");
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Shopify:ShopDomain"] = "cfg.myshopify.com", ["Shopify:LocationId"] = "gid://shopify/Location/7" }).Build().GetSection("Shopify");

        var options = await ShopifyClientOptions.FromConfigurationAsync(section, _secrets);

        (options.AccessToken, options.LocationId, options.ApiVersion).ShouldBe(("shpat_secret", "gid://shopify/Location/7", "2026-10"));
        options.GraphQlEndpoint.ShouldBe(new Uri("https://cfg.myshopify.com/admin/api/2026-10/graphql.json"));
        (await Should.ThrowAsync<ShopifyException>(() => ShopifyClientOptions.FromConfigurationAsync(section.GetSection("missing"), _secrets))).Message.ShouldContain("ShopDomain");
    }

    private (ShopifyOAuth OAuth, string Shop) Create()
    {
        var shop = $"o{Guid.NewGuid():N}"[..12] + ".myshopify.com";
        var options = new ShopifyOAuthOptions
        {
            ClientId = "sandbox-client-id",
            ClientSecret = ShopifySandboxFixture.AppSecret,
            RedirectUri = new Uri("https://app.example.com/shopify/callback"),
            WebhookUri = fixture.WebhookUri,
            BaseAddressForShop = fixture.Server.ShopBaseAddress,
        };
        return (new ShopifyOAuth(options, _secrets, _http), shop);
    }

    private async Task<Dictionary<string, string>> FollowAuthorizeAsync(Uri authorize)
    {
        using var response = await _http.GetAsync(authorize);
        ((int)response.StatusCode).ShouldBe(302);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe("https://app.example.com/shopify/callback");
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }
}
