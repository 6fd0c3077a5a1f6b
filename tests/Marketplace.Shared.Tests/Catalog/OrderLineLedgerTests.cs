using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

/// <summary>An order line's hold on stock over its status changes: applied once, as the difference, in any order.</summary>
[Trait("Category", "Integration")]
public sealed class OrderLineLedgerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Line = "shopify:1001:2001";

    private static OrderLineChange At(string sku, int committed, string line = Line) => new()
    {
        Sku = sku, LineEventId = line, Committed = committed, Source = Platform.Shopify, OrderId = "1001", Note = "test",
    };

    [Fact]
    public async Task SoldThenCancelled_GivesTheUnitsBackOnce_AndTheSoldOneOffIsActiveAgain()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 1), CatalogTestHost.Actor);

        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 1))).Outcome.ShouldBe(OrderLineOutcome.Sold);
        (await host.Products.GetAsync(product.Sku))!.Status.ShouldBe(ProductStatus.Sold);
        var cancelled = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.Ledger.ApplyOrderLineAsync(At(product.Sku, 0)))));
        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 1))).Outcome.ShouldBe(OrderLineOutcome.Unchanged);

        cancelled.Count(r => r.Outcome == OrderLineOutcome.Returned).ShouldBe(1);
        var stored = await host.Products.GetAsync(product.Sku);
        stored!.Quantity.ShouldBe(1);
        stored.Status.ShouldBe(ProductStatus.Active);
        var ledger = await host.Ledger.ListAsync(product.Sku);
        ledger.Where(e => e.Reason == LedgerReason.Return).ShouldHaveSingleItem().EventId.ShouldBe(Line + ":to0");
    }

    [Fact]
    public async Task CancelledOnArrival_TakesNothing_AndALateCreationTakesNothingEither()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 3, stocked: true), CatalogTestHost.Actor);

        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 0))).Outcome.ShouldBe(OrderLineOutcome.NotCommitted);
        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 2))).Outcome.ShouldBe(OrderLineOutcome.Unchanged);
        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 0))).Outcome.ShouldBe(OrderLineOutcome.Unchanged);

        (await host.Products.GetAsync(product.Sku))!.Quantity.ShouldBe(3);
        (await host.Ledger.WhereSoldAsync(product.Sku)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PartialRestocks_ReturnEachDifference_AndAnOlderLevelArrivingLateChangesNothing()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 5, stocked: true), CatalogTestHost.Actor);

        await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 3));
        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 2))).Committed.ShouldBe(2);
        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 0))).Committed.ShouldBe(0);
        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 1))).Outcome.ShouldBe(OrderLineOutcome.Unchanged);

        (await host.Products.GetAsync(product.Sku))!.Quantity.ShouldBe(5);
        (await host.Ledger.ListAsync(product.Sku)).Where(e => e.Reason == LedgerReason.Return).Select(e => e.AppliedDelta).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task OversoldLineCancelled_GivesBackOnlyWhatItTook()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 1, stocked: true), CatalogTestHost.Actor);
        await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 1, "ebay:9:9"));

        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 2))).Append!.Outcome.ShouldBe(LedgerOutcome.Oversold);
        (await host.Ledger.ApplyOrderLineAsync(At(product.Sku, 0))).Outcome.ShouldBe(OrderLineOutcome.Unchanged);

        (await host.Products.GetAsync(product.Sku))!.Quantity.ShouldBe(0);
    }

    [Fact]
    public async Task UnknownSku_Throws()
    {
        using var host = new CatalogTestHost(azurite);

        await Should.ThrowAsync<CatalogNotFoundException>(() => host.Ledger.ApplyOrderLineAsync(At("NOPE-" + Guid.NewGuid().ToString("N")[..6], 1)));
    }
}

/// <summary>A CSV import (or the demo seed) never undoes a sale, return or adjustment made after the last import.</summary>
[Trait("Category", "Integration")]
public sealed class CsvImportStockGuardTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ReimportAfterASale_KeepsTheSoldStatusAndQuantity_AndReportsTheRowSkipped_ButAppliesOtherFields()
    {
        using var host = new CatalogTestHost(azurite);
        var sku = "GUARD-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var first = $"sku,title,base_price,quantity,stocked,status\n{sku},Gibson Les Paul,2500,1,false,active\n";
        await host.Importer.ImportAsync(CsvImportTests.Open(first), applyValidRows: false, CatalogTestHost.Actor);
        await host.Ledger.ApplyOrderLineAsync(new OrderLineChange { Sku = sku, LineEventId = "ebay:1:1", Committed = 1, Source = Platform.Ebay });

        var again = await host.Importer.ImportAsync(CsvImportTests.Open(first.Replace("Gibson Les Paul", "Gibson Les Paul 1959", StringComparison.Ordinal)),
            applyValidRows: false, CatalogTestHost.Actor);

        again.Skipped.ShouldHaveSingleItem().Reason.ShouldContain("sold");
        var stored = (await host.Products.GetAsync(sku))!;
        (stored.Status, stored.Quantity, stored.Title).ShouldBe((ProductStatus.Sold, 0, "Gibson Les Paul 1959"));
    }

    [Fact]
    public async Task ImportWithNoStockMovementSinceTheLastImport_StillSetsTheQuantity()
    {
        using var host = new CatalogTestHost(azurite);
        var sku = "GUARD-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await host.Importer.ImportAsync(CsvImportTests.Open($"sku,title,base_price,quantity,stocked\n{sku},Boss DS-1,45,12,true\n"), false, CatalogTestHost.Actor);

        var again = await host.Importer.ImportAsync(CsvImportTests.Open($"sku,title,base_price,quantity,stocked\n{sku},Boss DS-1,45,20,true\n"), false, CatalogTestHost.Actor);

        again.Skipped.ShouldBeEmpty();
        (await host.Products.GetAsync(sku))!.Quantity.ShouldBe(20);
    }
}
