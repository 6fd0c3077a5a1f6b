extern alias sandbox;

using System.Net;
using System.Text;
using Marketplace.Functions.Tests.Support;
using sandbox::Marketplace.Sandbox.Ebay;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>
/// The whole sale path in the functions app (standalone mode, sync worker on): a Reverb webhook on its secret path
/// is stored, the inbox queue handler confirms the order with Reverb and starts the sale orchestration, which ends the
/// item on eBay. eBay and Reverb are the in-process sandboxes; storage is Azurite.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SaleWebhookEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Secret = "k3J9vQ2mX8pL5nR7tY1wZ4bC6dF0gH2j";

    [Fact]
    public async Task ReverbSaleWebhook_EndsTheItemOnEbay_AndAWrongSecretIsRefused()
    {
        await using var sandbox = await EbayReverbSandboxServer.StartAsync();
        var settings = SaleWorkerSettings.For(azurite, sandbox, Secret);
        var capture = new CapturingLoggerProvider();
        await using var app = new FunctionsAppFactory(settings, s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(capture));
        using var http = app.CreateClient();
        var sku = "E2E-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await ListAsync(app.Services, sandbox, sku);

        var order = sandbox.Reverb.CreateOrder(sku, 1);
        var body = $"{{\"order_number\":\"{order["order_number"]}\"}}";
        using var wrong = await http.PostAsync("/api/webhooks/reverb/not-the-secret", new StringContent(body, Encoding.UTF8, "application/json"));
        using var accepted = await http.PostAsync($"/api/webhooks/reverb/{Secret}", new StringContent(body, Encoding.UTF8, "application/json"));

        wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var listings = app.Services.GetRequiredService<ListingStore>();
        try
        {
            await Eventually.WaitAsync(async () => (await listings.GetAsync(sku, Platform.Ebay))?.Status == ListingStatus.Ended, "the eBay listing ended", 30);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(string.Join("\n", capture.Lines.Where(l => l.Contains("Warn", StringComparison.OrdinalIgnoreCase) || l.Contains("Error", StringComparison.OrdinalIgnoreCase) || l.Contains("Sale", StringComparison.Ordinal)).TakeLast(30)));
        }
        (await app.Services.GetRequiredService<ProductCatalog>().GetAsync(sku))!.Quantity.ShouldBe(0);
        (await listings.GetAsync(sku, Platform.Reverb))!.Status.ShouldBe(ListingStatus.Sold);
    }

    private static async Task ListAsync(IServiceProvider services, EbayReverbSandboxServer sandbox, string sku)
    {
        var actor = CatalogActor.Create("test");
        await services.GetRequiredService<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = $"Fender Stratocaster {sku}", Brand = "Fender", Model = "Stratocaster", Year = 1978, BasePrice = 1299m, Currency = "EUR",
            Quantity = 1, Status = ProductStatus.Active,
        }, actor);
        foreach (var connector in services.GetServices<IMarketplaceConnector>())
        {
            var reference = await connector.UpsertListingAsync(new ListingDraft
            {
                Sku = sku, Title = $"Fender Stratocaster {sku}", Brand = "Fender", Model = "Stratocaster", Year = 1978, Price = 1299m, Quantity = 1,
                Condition = "Excellent", CategoryId = "33034", ShippingProfileId = "fulfilment-1", ImageUrls = ["https://img.example/1.jpg"],
            });
            if (connector.Platform == MarketplacePlatform.Reverb)
            {
                sandbox.Reverb.SetState(long.Parse(reference.ExternalId, System.Globalization.CultureInfo.InvariantCulture), "live");
            }

            PlatformNames.TryParse(connector.Platform, out var platform).ShouldBeTrue();
            await services.GetRequiredService<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = platform, Operation = "create", Succeeded = true, ExternalId = reference.ExternalId, RemoteStatus = "ACTIVE",
            }, actor);
        }
    }
}
