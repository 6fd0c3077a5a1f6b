using Marketplace.Dashboard.Tests.Support;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Catalog.Unmatched;
using Marketplace.Shared.Marketplaces;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Marketplace.Dashboard.Tests;

/// <summary>What waits for an operator: sales of unknown SKUs (and photo batches the matcher could not place).</summary>
[Trait("Category", "Integration")]
[Collection(DashboardCollection.Name)]
public sealed class DashboardReviewTests(DashboardApp app)
{
    [Fact]
    public async Task ResolvingAnUnmatchedSale_ToAnExistingSku_TakesItsStock()
    {
        var product = await app.CreateProductAsync("REAL", quantity: 1);
        var sale = new SaleEvent("reverb", Guid.NewGuid().ToString("N")[..10], "1", "TYPO-" + product.Sku, 1, 900m, "EUR", DateTimeOffset.UtcNow);
        (await app.Get<SaleStarter>().StartAsync(sale)).ShouldBeTrue();
        await Eventually.WaitAsync(async () => (await app.Get<UnmatchedSaleStore>().GetAsync(sale.EventId))?.Status == UnmatchedSaleStatus.Open,
            "the sale of an unknown SKU to be kept as unmatched", 60);

        var page = await app.SignedInPageAsync();
        await Assertions.Expect(page.Locator("#unmatched-sales-count")).Not.ToHaveTextAsync("0");
        await page.Locator("#nav a", new() { HasTextString = "Unmatched sales" }).First.ClickAsync();
        var row = page.Locator("#unmatched-list tr", new() { HasTextString = sale.Sku });
        await Assertions.Expect(row).ToContainTextAsync(sale.OrderId);
        await Assertions.Expect(row).ToContainTextAsync("reverb");
        await DashboardApp.ScreenshotAsync(page, "unmatched");
        await row.Locator("input[name=sku]").FillAsync(product.Sku);
        await row.Locator("button[data-action=resolve]").ClickAsync();

        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Eventually.WaitAsync(async () => (await app.Get<ProductCatalog>().GetAsync(product.Sku))!.Quantity == 0, "the resolved sale to take the stock", 60);
        var closed = (await app.Get<UnmatchedSaleStore>().GetAsync(sale.EventId)).ShouldNotBeNull();
        closed.Status.ShouldBe(UnmatchedSaleStatus.Resolved);
        closed.AppliedTo.ShouldBe(product.Sku);
        await page.CloseAsync();
    }
}
