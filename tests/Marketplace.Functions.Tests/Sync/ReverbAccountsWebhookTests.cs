extern alias sandbox;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Marketplace.Functions.Tests.Support;
using sandbox::Marketplace.Sandbox.Ebay;
using sandbox::Marketplace.Sandbox.Reverb;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>
/// Two Reverb shops in the functions app (standalone mode, sync worker on): shop B's webhook route takes only shop B's
/// secret, and a sale in shop B, confirmed with shop B's token, ends the item in shop A and on eBay.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReverbAccountsWebhookTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string SecretA = "k3J9vQ2mX8pL5nR7tY1wZ4bC6dF0gH2j";
    private const string SecretB = "Zq8Wn3Lp6Rt1Yv4Bx7Mc2Kd5Hf9Gs0Ja";

    [Fact]
    public async Task ShopBWebhook_RefusesShopASecret_AndItsSaleEndsShopAAndEbay()
    {
        await using var sandbox = await EbayReverbSandboxServer.StartAsync();
        var settings = SaleWorkerSettings.For(azurite, sandbox, SecretA);
        settings["Reverb:Accounts:b:AccessToken"] = sandbox.ReverbShop("b").Options.AccessToken;
        settings["Reverb:Accounts:b:WebhookSecret"] = SecretB;
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();
        var sku = "TWO-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await ListAsync(app.Services, sandbox, sku);

        var order = sandbox.ReverbShop("b").CreateOrder(sku, 1);
        var body = $"{{\"order_number\":\"{order["order_number"]}\"}}";
        using var wrong = await http.PostAsync($"/api/webhooks/reverb/b/{SecretA}", new StringContent(body, Encoding.UTF8, "application/json"));
        using var unknown = await http.PostAsync($"/api/webhooks/reverb/c/{SecretB}", new StringContent(body, Encoding.UTF8, "application/json"));
        using var accepted = await http.PostAsync($"/api/webhooks/reverb/b/{SecretB}", new StringContent(body, Encoding.UTF8, "application/json"));

        wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var listings = app.Services.GetRequiredService<ListingStore>();
        await Eventually.WaitAsync(async () => (await listings.GetAsync(sku, Platform.Ebay))?.Status == ListingStatus.Ended, "the eBay listing ended", 60);
        (await app.Services.GetRequiredService<ProductCatalog>().GetAsync(sku))!.Quantity.ShouldBe(0);
        Slug(sandbox.Reverb, sku).ShouldBe("ended");
        Slug(sandbox.ReverbShop("b"), sku).ShouldBe("sold_out");
    }

    [Fact]
    public async Task TheOverviewsReverbHeadroom_CountsEachShopsThrottling_AndNamesTheShop()
    {
        await using var sandbox = await EbayReverbSandboxServer.StartAsync();
        var settings = SaleWorkerSettings.For(azurite, sandbox, SecretA);
        settings["Reverb:Accounts:b:AccessToken"] = sandbox.ReverbShop("b").Options.AccessToken;
        settings["Reverb:MaxRetries"] = "0";
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();
        var quiet = await ReverbHeadroomAsync(http);
        var faults = sandbox.Reverb.Options.Faults;
        (faults.FaultRate, faults.Faults) = (1, SandboxFaultKinds.RateLimit);
        try
        {
            // Only shop B's client calls: the 429 is shop B's.
            await Should.ThrowAsync<MarketplaceException>(() => app.Services.GetRequiredService<ReverbAccounts>().ClientFor("b").FindListingBySkuAsync("THROTTLED-1"));
        }
        finally
        {
            (faults.FaultRate, faults.Faults) = (0, SandboxFaultKinds.All);
        }

        var reverb = await ReverbHeadroomAsync(http);

        (quiet["throttled"]!.GetValue<int>(), quiet["lastShop"]).ShouldBe((0, null));
        (reverb["throttled"]!.GetValue<int>(), reverb["lastShop"]!.GetValue<string>(), reverb["lastRetryAfterSeconds"]!.GetValue<double>()).ShouldBe((1, "b", 1d));
        reverb["shops"]!.AsArray().Select(shop => (shop!["shop"]!.GetValue<string>(), shop["throttled"]!.GetValue<int>())).ShouldBe([("default", 0), ("b", 1)]);
    }

    [Fact]
    public async Task AProductNamingAReverbShopThatIsNotConfigured_IsRefusedAtOnce_WithTheConfiguredShops()
    {
        await using var sandbox = await EbayReverbSandboxServer.StartAsync();
        var settings = SaleWorkerSettings.For(azurite, sandbox, SecretA);
        settings["Reverb:Accounts:B:AccessToken"] = sandbox.ReverbShop("b").Options.AccessToken;
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();
        var sku = "SHOPS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        using var typo = await PostProductAsync(http, sku, "default", "shop-b");
        using var known = await PostProductAsync(http, sku, "default", "b");

        typo.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        typo.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await typo.Content.ReadAsStringAsync())!;
        problem["errors"]!["reverbAccounts"]![0]!.GetValue<string>().ShouldBe("'shop-b' is not a configured Reverb shop (configured: b, default).");
        known.StatusCode.ShouldBe(HttpStatusCode.Created, await known.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheShippingProfileAudit_RunsAsADurableRun_WithItsStatusUrl_AndRefusesAPlatformWithoutProfiles()
    {
        await using var sandbox = await EbayReverbSandboxServer.StartAsync();
        var settings = SaleWorkerSettings.For(azurite, sandbox, SecretA);
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", FunctionsAppFactory.AdminKey);

        using var started = await http.PostAsync("/api/admin/catalog/shipping-profiles/audit?platform=reverb", null);
        using var refused = await http.PostAsync("/api/admin/catalog/shipping-profiles/audit?platform=discogs", null);

        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var run = System.Text.Json.Nodes.JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        (run["platform"]!.GetValue<string>(), run["fix"]!.GetValue<bool>()).ShouldBe(("reverb", false));
        System.Text.Json.Nodes.JsonNode? status = null;
        await Eventually.WaitAsync(async () =>
        {
            status = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(run["statusUrl"]!.GetValue<string>()));
            return status!["status"]!.GetValue<string>() is "Completed" or "Failed";
        }, "the audit run to finish", 60);
        status!["status"]!.GetValue<string>().ShouldBe("Completed", status.ToJsonString());
        status["output"]!["drift"]!.AsArray().ShouldBeEmpty();
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        problem["errors"]!["platform"]![0]!.GetValue<string>().ShouldBe("'discogs' has no shipping profiles to audit here (audited: ebay, reverb).");
    }

    private static async Task<HttpResponseMessage> PostProductAsync(HttpClient http, string sku, params string[] reverbAccounts)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/catalog/products")
        {
            Content = JsonContent.Create(new { sku, title = "Fender Stratocaster", basePrice = 1299m, currency = "EUR", quantity = 1, reverbAccounts }),
        };
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        return await http.SendAsync(request);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ReverbHeadroomAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/dashboard/overview");
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var platforms = System.Text.Json.Nodes.JsonNode.Parse(body)!["platforms"]!.AsArray();
        return platforms.Single(p => p!["platform"]!.GetValue<string>() == "reverb")!["rateLimit"]!;
    }

    private static string Slug(ReverbSandboxState shop, string sku) =>
        shop.FindBySku(sku, liveOnly: false).ShouldHaveSingleItem()["state"]!["slug"]!.GetValue<string>();

    private static async Task ListAsync(IServiceProvider services, EbayReverbSandboxServer sandbox, string sku)
    {
        var actor = CatalogActor.Create("test");
        await services.GetRequiredService<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = $"Fender Stratocaster {sku}", Brand = "Fender", Model = "Stratocaster", Year = 1978, BasePrice = 1299m, Currency = "EUR",
            Quantity = 1, Status = ProductStatus.Active, ReverbAccounts = [ReverbAccounts.DefaultKey, "b"],
        }, actor);
        foreach (var connector in services.GetServices<IMarketplaceConnector>())
        {
            var reference = await connector.UpsertListingAsync(new ListingDraft
            {
                Sku = sku, Title = $"Fender Stratocaster {sku}", Brand = "Fender", Model = "Stratocaster", Year = 1978, Price = 1299m, Quantity = 1,
                Condition = "Excellent", CategoryId = "33034", ShippingProfileId = "fulfilment-1", ImageUrls = ["https://img.example/1.jpg"],
                Attributes = new Dictionary<string, string> { [ReverbAccounts.DraftAttribute] = "default,b" },
            });
            if (connector.Platform == MarketplacePlatform.Reverb)
            {
                foreach (var shop in new[] { sandbox.Reverb, sandbox.ReverbShop("b") })
                {
                    shop.SetState(shop.FindBySku(sku, liveOnly: false).ShouldHaveSingleItem()["id"]!.GetValue<long>(), "live");
                }
            }

            PlatformNames.TryParse(connector.Platform, out var platform).ShouldBeTrue();
            await services.GetRequiredService<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = platform, Operation = "create", Succeeded = true, ExternalId = reference.ExternalId, RemoteStatus = "ACTIVE",
            }, actor);
        }
    }
}
