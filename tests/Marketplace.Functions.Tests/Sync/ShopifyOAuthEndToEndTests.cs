using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Functions.Sync;
using Marketplace.Functions.Tests.Support;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Marketplace.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>The OAuth install through the app's routes against the sandbox: install, callback, replay and forgeries, disconnect.</summary>
[Trait("Category", "Integration")]
public sealed class ShopifyOAuthEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false });

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task Install_StoresTheToken_RegistersEveryTopic_AndTheCallbackCannotBeReplayed()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: false);

        var callback = await AuthorizeAsync(h);
        using var completed = await h.Http.GetAsync(callback);
        using var replayed = await h.Http.GetAsync(callback);

        completed.StatusCode.ShouldBe(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        replayed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await h.Secrets.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(h.Shop))).ShouldStartWith("shpat_");
        var subscriptions = h.Sandbox.Sandbox.FindByDomain(h.Shop)!.Webhooks.Values.ToList();
        subscriptions.Select(s => s.Topic).Order().ShouldBe(ShopifyWebhookParser.SubscribedTopics.Order());
        subscriptions.ShouldAllBe(s => s.Uri == h.WebhookUri.ToString());
        (await h.Get<ShopifyConnector>().FindListingAsync("NOT-THERE")).ShouldBeNull(); // the app's client now has a token
        var reader = h.Get<IEnumerable<IMarketplaceListingReader>>().ShouldHaveSingleItem();
        reader.Platform.ShouldBe(MarketplacePlatform.Shopify);
        (await reader.GetListingsAsync(null).ToListAsync()).ShouldBeEmpty(); // a bulk export of the empty shop
        ShopifyBulkPushActivity.IsAvailable(h.App.Services).ShouldBeTrue(); // full sync takes the bulk path with the app's one client
        (await h.Get<AuditLog>().QueryAsync(new AuditQuery(ShopifyWebhookHandler.ShopAuditKey(h.Shop), Action: "shopify.connect")).ToListAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Callback_WithForgedHmacOrState_IsRefused_AndStoresNothing()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: false);
        var callback = await AuthorizeAsync(h);
        var query = QueryHelpers.ParseQuery(new Uri(h.AppUrl, callback.TrimStart('/')).Query).ToDictionary(p => p.Key, p => p.Value.ToString());

        var tampered = new Dictionary<string, string>(query) { ["code"] = "another-code" };
        var unknownState = Signed(new Dictionary<string, string>(query) { ["state"] = "never-issued-by-the-app" });
        var otherShop = Signed(new Dictionary<string, string>(query) { ["shop"] = "evil.myshopify.com" });
        using var tamperedResponse = await h.Http.GetAsync(Callback(tampered));
        using var unknownStateResponse = await h.Http.GetAsync(Callback(unknownState));
        using var otherShopResponse = await h.Http.GetAsync(Callback(otherShop));

        tamperedResponse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknownStateResponse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        otherShopResponse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await otherShopResponse.Content.ReadAsStringAsync()).ShouldContain("another shop");
        (await h.Secrets.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(h.Shop))).ShouldBeNull();
        (await h.Secrets.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName("evil.myshopify.com"))).ShouldBeNull();
        h.Sandbox.Sandbox.FindByDomain(h.Shop)!.Webhooks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Disconnect_NeedsTheAdminKey_AndRemovesWebhooksAndToken()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: false);
        (await h.Http.GetAsync(await AuthorizeAsync(h))).EnsureSuccessStatusCode();

        using var anonymous = await h.Http.PostAsync($"/api/admin/shopify/disconnect?shop={h.Shop}", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/shopify/disconnect?shop={h.Shop}");
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        using var disconnected = await h.Http.SendAsync(request);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        disconnected.StatusCode.ShouldBe(HttpStatusCode.OK, await disconnected.Content.ReadAsStringAsync());
        (await h.Secrets.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(h.Shop))).ShouldBeNull();
        h.Sandbox.Sandbox.FindByDomain(h.Shop)!.Webhooks.ShouldBeEmpty();
        (await Should.ThrowAsync<ShopifyException>(() => h.Get<ShopifyConnector>().FindListingAsync("ANY"))).Message.ShouldContain("connect the shop first");
    }

    [Fact]
    public async Task Install_ForAnInvalidShop_Answers400()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: false);

        using var response = await h.Http.GetAsync("/api/shopify/install?shop=" + Uri.EscapeDataString("evil.example.com/x.myshopify.com"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>Starts the install on the app, lets the sandbox approve it, and returns the app-relative callback URL.</summary>
    private async Task<string> AuthorizeAsync(ShopifyAppHarness h)
    {
        using var install = await h.Http.GetAsync($"/api/shopify/install?shop={h.Shop}");
        install.StatusCode.ShouldBe(HttpStatusCode.Found);
        var authorize = install.Headers.Location!;
        authorize.ToString().ShouldStartWith(new Uri(h.Sandbox.BaseAddress, $"shops/{h.Shop}/admin/oauth/authorize").ToString());
        using var approved = await _browser.GetAsync(authorize);
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var callback = approved.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).ShouldBe(new Uri(h.AppUrl, "api/shopify/callback").ToString());
        return "/api/shopify/callback" + callback.Query;
    }

    private static string Callback(Dictionary<string, string> query) =>
        "/api/shopify/callback?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    // A correctly signed query (the attacker knows the secret only in this test): what the state and shop checks must stop.
    private static Dictionary<string, string> Signed(Dictionary<string, string> query)
    {
        query.Remove("hmac");
        query["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = string.Join('&', query.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        query["hmac"] = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ShopifyAppHarness.AppSecret), Encoding.UTF8.GetBytes(message)));
        return query;
    }
}
