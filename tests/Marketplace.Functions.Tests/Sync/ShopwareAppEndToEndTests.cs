extern alias sandbox;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Functions.Shopware;
using Marketplace.Functions.Storage;
using Marketplace.Functions.Tests.Support;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Shopware;
using Marketplace.Shared.Shopware.App;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using ShopwareSandboxServer = sandbox::Marketplace.Sandbox.Shopware.ShopwareSandboxServer;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>
/// The Shopware app handshake end to end: the sandbox shop installs our app from the repository's <c>manifest.xml</c>
/// (registration, proof, confirmation), the credentials land in the secret store, and order webhooks are accepted only
/// when signed with the registered shop's secret (worker in the app, Azurite, the Shopware sandbox).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShopwareAppEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _deadLetter = AzuriteFixture.UniqueName("deadletter");

    private static string Manifest => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "functions", "Shopware", "MarketplaceSync", "manifest.xml"));

    [Fact]
    public async Task ShopInstallsTheApp_ItsCredentialsAreStored_AndItsSignedOrderWebhooksAreAccepted()
    {
        await using var shopware = await StartShopAsync();
        var capture = new CapturingLoggerProvider();
        await using var app = CreateApp(shopware.State.Options.AppSecret, capture, shopware);
        using var http = app.CreateClient();
        var client = app.Services.GetRequiredService<ShopwareClient>();
        var search = new ShopwareCriteria { Limit = 1 };
        var beforeInstall = await Should.ThrowAsync<ShopwareException>(() => client.SearchProductsAsync(search));

        var installed = await shopware.InstallAppAsync(http, Manifest);
        var placed = await installed.DeliverAsync("checkout.order.placed", shopware.State.AppWebhook(new JsonObject { ["id"] = "0189bf2a627a7296adbc83527ba9ac29" }));
        var cancelled = await installed.DeliverAsync("state_enter.order.state.cancelled",
            shopware.State.AppWebhook(new JsonObject { ["id"] = "0189bf2a627a7296adbc83527ba9ac29" }, "state_enter.order.state.cancelled"));

        installed.Name.ShouldBe("MarketplaceSync");
        System.Xml.Linq.XDocument.Parse(Manifest).Root!.Element("setup")!.Element("secret").ShouldBeNull("the app secret is never committed");
        placed.ShouldBe([(int)HttpStatusCode.Accepted]);
        cancelled.ShouldBe([(int)HttpStatusCode.Accepted]);
        var registration = app.Services.GetRequiredService<ShopwareAppRegistration>();
        var shopId = shopware.State.Options.ShopId;
        (await registration.GetAsync(shopId, "api-key")).ShouldBe(installed.ApiKey);
        (await registration.GetAsync(shopId, "shop-secret")).ShouldBe(installed.ShopSecret);
        (await registration.GetAsync(shopId, "shop-url")).ShouldBe(shopware.BaseUrl.ToString().TrimEnd('/'));
        // Configured with Shopware:AppShopId, the client authenticates with the integration the shop issued in the handshake.
        beforeInstall.Message.ShouldContain("has not completed the app registration");
        (await client.SearchProductsAsync(search)).ShouldNotBeNull();
        shopware.State.TokensGranted.ShouldBe(1);
        var audit = await app.Services.GetRequiredService<AuditLog>().QueryPageAsync(new AuditQuery(Sku: ShopwareAppAudit.Key(shopId), Limit: 10));
        audit.Items.ShouldContain(r => r.Action == "shopware.app.confirm" && r.Outcome == AuditOutcome.Success);
        var logged = capture.AllText;
        logged.ShouldContain("ShopwareAppConfirm");
        logged.ShouldNotContain(installed.ShopSecret);
        logged.ShouldNotContain((await registration.GetAsync(shopId, "secret-key"))!);
    }

    [Fact]
    public async Task ShopInstallsTheApp_WithAPublicBaseUrl_IsToldToConfirmAtThatUrl()
    {
        await using var shopware = await StartShopAsync();
        await using var app = CreateApp(shopware.State.Options.AppSecret, publicBaseUrl: "https://marketplace.example/");
        using var http = app.CreateClient();

        var installed = await shopware.InstallAppAsync(http, Manifest);

        // The worker is reached at http://localhost; the shop must post its credentials to the public address.
        installed.ConfirmationUrl.ShouldBe(new Uri("https://marketplace.example/api/shopware/app/confirm"));
        (await app.Services.GetRequiredService<ShopwareAppRegistration>().GetAsync(shopware.State.Options.ShopId, "api-key")).ShouldBe(installed.ApiKey);
    }

    [Fact]
    public async Task ShopInstallsTheApp_BehindAProxy_IsToldToConfirmAtTheForwardedSchemeAndHost()
    {
        await using var shopware = await StartShopAsync();
        await using var app = CreateApp(shopware.State.Options.AppSecret);
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        http.DefaultRequestHeaders.Add("X-Forwarded-Host", "apps.example:8443");

        var installed = await shopware.InstallAppAsync(http, Manifest);

        installed.ConfirmationUrl.ShouldBe(new Uri("https://apps.example:8443/api/shopware/app/confirm"));
        (await app.Services.GetRequiredService<ShopwareAppRegistration>().GetAsync(shopware.State.Options.ShopId, "api-key")).ShouldBe(installed.ApiKey);
    }

    [Fact]
    public async Task WebhookOfAShopThatNeverRegistered_IsRefused_DeadLettered_AndAudited()
    {
        await using var shopware = await ShopwareSandboxServer.StartAsync();
        await using var app = CreateApp(shopware.State.Options.AppSecret);
        using var http = app.CreateClient();
        // Before any install the sandbox signs with the app secret, which is not a shop secret.
        shopware.State.Options.ShopId = "nEvErReGiStErEd" + Guid.NewGuid().ToString("N")[..6];
        var (body, signature) = shopware.State.AppWebhook(new JsonObject { ["id"] = "0189bf2a627a7296adbc83527ba9ac29" });

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/shopware") { Content = new ByteArrayContent(body) };
        request.Headers.Add(ShopwareAppRegistration.ShopSignatureHeader, signature);
        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var dead = await DeadLettersAsync();
        dead.ShouldHaveSingleItem().Reason!.ShouldContain("has not registered");
        Convert.FromBase64String(dead[0].BodyBase64!).ShouldBe(body);
        var page = await app.Services.GetRequiredService<AuditLog>().QueryPageAsync(
            new AuditQuery(Sku: WebhookRejections.AuditKey("shopware"), Action: WebhookRejections.AuditAction, Limit: 200));
        page.Items.ShouldContain(r => r.Detail!.Contains(dead[0].Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShopWithAnotherAppSecret_CannotRegister_AndNoCredentialsAreStored()
    {
        await using var shopware = await StartShopAsync();
        await using var app = CreateApp("the-app-secret-the-shop-does-not-know");
        using var http = app.CreateClient();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => shopware.InstallAppAsync(http, Manifest));

        refused.Message.ShouldContain("401");
        var registration = app.Services.GetRequiredService<ShopwareAppRegistration>();
        (await registration.GetAsync(shopware.State.Options.ShopId, "pending-secret")).ShouldBeNull();
        (await registration.GetAsync(shopware.State.Options.ShopId, "api-key")).ShouldBeNull();
    }

    [Fact]
    public async Task AppRoutes_WithoutAnAppSecret_AreAServiceUnavailableProblem()
    {
        await using var shopware = await ShopwareSandboxServer.StartAsync();
        await using var app = CreateApp(null);
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri("/api/shopware/app/register?shop-id=x&shop-url=y&timestamp=1", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    // The tests share Azurite's secret store: each shop has its own id.
    private static async Task<ShopwareSandboxServer> StartShopAsync()
    {
        var shopware = await ShopwareSandboxServer.StartAsync();
        shopware.State.Options.ShopId = "sHoP" + Guid.NewGuid().ToString("N")[..12];
        return shopware;
    }

    /// <summary>Shopware configured with integration keys, or with <c>Shopware:AppShopId</c> of <paramref name="registeredShop"/> and no keys.</summary>
    private FunctionsAppFactory CreateApp(string? appSecret, CapturingLoggerProvider? capture = null, ShopwareSandboxServer? registeredShop = null,
        string? publicBaseUrl = null)
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false);
        settings["Webhooks:Queue"] = AzuriteFixture.UniqueName("webhooks");
        settings["Webhooks:DeadLetterContainer"] = _deadLetter;
        if (registeredShop is null)
        {
            settings["Shopware:BaseUrl"] = "https://shop.example/";
            settings["Shopware:ClientId"] = "SWIACONFIGURED";
            settings["Shopware:ClientSecret"] = "configured-secret";
        }
        else
        {
            settings["Shopware:BaseUrl"] = registeredShop.BaseUrl.ToString();
            settings["Shopware:AppShopId"] = registeredShop.State.Options.ShopId;
        }

        settings["Shopware:TaxId"] = "792203a53e564e28bcb7ffa1867fb485";
        settings["Shopware:Mode"] = "SearchOnly";
        settings["Shopware:AppSecret"] = appSecret;
        settings["Shopware:PublicBaseUrl"] = publicBaseUrl;
        return new FunctionsAppFactory(settings, capture is null ? null : s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(capture));
    }

    private async Task<List<WebhookEnvelope>> DeadLettersAsync()
    {
        var container = azurite.Account.CreateBlobServiceClient().GetBlobContainerClient(_deadLetter);
        var result = new List<WebhookEnvelope>();
        await foreach (var item in container.GetBlobsAsync())
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync();
            result.Add(content.Value.Content.ToObjectFromJson<WebhookEnvelope>(Json)!);
        }

        return result;
    }
}
