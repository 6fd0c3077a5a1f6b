extern alias sandbox;

using System.Net;
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
using Marketplace.TestSupport.Sync;
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
    private const string SecretA = SyncConnectorSettings.ReverbWebhookSecret;
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
