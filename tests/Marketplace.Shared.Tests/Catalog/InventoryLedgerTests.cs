using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

[Trait("Category", "Integration")]
public sealed class InventoryLedgerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static InventoryChange Sale(string sku, string eventId, int units = 1, Platform platform = Platform.Ebay) => new()
    {
        Sku = sku,
        Delta = -units,
        Reason = LedgerReason.Sale,
        EventId = eventId,
        Source = platform,
        OrderId = "order-" + eventId,
    };

    [Fact]
    public async Task FiftyParallelSales_OfTen_SellTenAndRecordFortyOversells()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 10, stocked: true), CatalogTestHost.Actor);
        var platforms = Enum.GetValues<Platform>();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => host.Ledger.AppendAsync(Sale(product.Sku, $"sale-{i}", platform: platforms[i % platforms.Length])))));

        results.Count(r => r.Outcome == LedgerOutcome.Applied).ShouldBe(10);
        results.Count(r => r.Outcome == LedgerOutcome.Oversold).ShouldBe(40);
        var stored = await host.Products.GetAsync(product.Sku);
        stored!.Quantity.ShouldBe(0);
        stored.Status.ShouldBe(ProductStatus.Sold);
        var ledger = await host.Ledger.ListAsync(product.Sku);
        ledger.Count.ShouldBe(51);
        ledger.Sum(e => e.AppliedDelta).ShouldBe(stored.Quantity);
        ledger.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 51).Select(i => (long)i));
        var oversells = new List<OversellRecord>();
        await foreach (var o in host.Ledger.ListOversellsAsync(product.Sku))
        {
            oversells.Add(o);
        }

        oversells.Count.ShouldBe(40);
        oversells.ShouldAllBe(o => o.Shortfall == 1 && o.OrderId != null && o.Source != null);
    }

    [Fact]
    public async Task DuplicateEventIds_AreAppliedOnce_EvenConcurrently()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 5, stocked: true), CatalogTestHost.Actor);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.Ledger.AppendAsync(Sale(product.Sku, "ebay:order-1:line-1", 2)))));
        var again = await host.Ledger.AppendAsync(Sale(product.Sku, "ebay:order-1:line-1", 2));

        results.Count(r => r.Outcome == LedgerOutcome.Applied).ShouldBe(1);
        results.Count(r => r.Outcome == LedgerOutcome.Duplicate).ShouldBe(7);
        again.Outcome.ShouldBe(LedgerOutcome.Duplicate);
        again.Entry.AppliedDelta.ShouldBe(-2);
        (await host.Products.GetAsync(product.Sku))!.Quantity.ShouldBe(3);
        (await host.Ledger.ListAsync(product.Sku)).Count(e => e.Reason == LedgerReason.Sale).ShouldBe(1);
    }

    [Fact]
    public async Task ReturnToSoldProduct_MakesItActiveAgain_AndWhereSoldCountsPerPlatform()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 1), CatalogTestHost.Actor);
        await host.Ledger.AppendAsync(Sale(product.Sku, "reverb-1", platform: Platform.Reverb));
        await host.Ledger.AppendAsync(Sale(product.Sku, "ebay-1", platform: Platform.Ebay));
        (await host.Products.GetAsync(product.Sku))!.Status.ShouldBe(ProductStatus.Sold);

        await host.Ledger.AppendAsync(new InventoryChange { Sku = product.Sku, Delta = 1, Reason = LedgerReason.Return, EventId = "reverb-1-return", Source = Platform.Reverb });

        (await host.Products.GetAsync(product.Sku))!.Status.ShouldBe(ProductStatus.Active);
        var report = await host.Ledger.WhereSoldAsync(product.Sku);
        var reverb = report.Single(r => r.Platform == Platform.Reverb);
        (reverb.UnitsSold, reverb.Orders, reverb.UnitsReturned, reverb.OversoldUnits).ShouldBe((1, 1, 1, 0));
        var ebay = report.Single(r => r.Platform == Platform.Ebay);
        (ebay.UnitsSold, ebay.OversoldUnits).ShouldBe((0, 1));
    }

    [Fact]
    public async Task SaleOfUnknownSku_IsNotFound()
    {
        using var host = new CatalogTestHost(azurite);
        await Should.ThrowAsync<CatalogNotFoundException>(() => host.Ledger.AppendAsync(Sale("NOPE-1", "x")));
    }
}
