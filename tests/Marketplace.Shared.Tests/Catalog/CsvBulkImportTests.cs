using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Csv;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

/// <summary>Imports big enough to fill several groups per partition and transactions holding many products.</summary>
[Trait("Category", "Integration")]
public sealed class CsvBulkImportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string File(int count, string title, int quantity) =>
        "sku,title,base_price,quantity,stocked,status\n" +
        string.Concat(Enumerable.Range(0, count).Select(i => $"BULK-{i:D3},{title} {i},{10 + i},{quantity},true,active\n"));

    [Fact]
    public async Task ChangedAndNewRowsInOneFile_AreEachAppliedOnce_AndAgainChangeNothing()
    {
        using var host = new CatalogTestHost(azurite, o => o.ImportConcurrency = 4);
        var first = await host.Importer.ImportAsync(CsvImportTests.Open(File(300, "Pedal", 2)), false, CatalogTestHost.Actor);
        // Every existing row changes title and quantity (9 rows per product: more than 100 per group of 16, so
        // a group needs two transactions), and 60 new rows share groups with existing ones (create-first hits 409).
        var second = await host.Importer.ImportAsync(CsvImportTests.Open(File(360, "Fuzz", 3)), false, CatalogTestHost.Actor);
        var again = await host.Importer.ImportAsync(CsvImportTests.Open(File(360, "Fuzz", 3)), false, CatalogTestHost.Actor);

        (first.Created, first.Updated, first.Unchanged, first.QuantityChanges).ShouldBe((300, 0, 0, 300));
        (second.Created, second.Updated, second.Unchanged, second.QuantityChanges).ShouldBe((60, 300, 0, 360));
        (again.Created, again.Updated, again.Unchanged, again.QuantityChanges).ShouldBe((0, 0, 360, 0));
        var changed = (await host.Products.GetAsync("BULK-007"))!;
        (changed.Title, changed.Quantity, changed.Version).ShouldBe(("Fuzz 7", 3, 2L));
        (await host.Products.GetVersionAsync("BULK-007", 1))!.Title.ShouldBe("Pedal 7");
        (await host.Ledger.ListAsync("BULK-007")).Select(e => e.AppliedDelta).ShouldBe([2, 1]);
        (await host.Dispatcher.ListAsync("BULK-007")).Select(e => e.Orchestrator)
            .ShouldBe([CatalogOrchestrators.PushProduct, CatalogOrchestrators.PushProduct, CatalogOrchestrators.PropagateStock], ignoreOrder: true);
        var fresh = (await host.Products.GetAsync("BULK-333"))!;
        (fresh.Title, fresh.Quantity, fresh.Version).ShouldBe(("Fuzz 333", 3, 1L));
        (await host.Products.GetVersionAsync("BULK-333", 1))!.Title.ShouldBe("Fuzz 333");
        (await host.Products.GetVersionAsync("BULK-333", 2)).ShouldBeNull();
    }

    [Fact]
    public void Groups_FitOneTransaction_WhenAllRowsAreNew()
    {
        // product, initial stock, push outbox entry, audit record and its time index: 5 rows per new product.
        (CatalogCsvImporter.GroupSize * 5).ShouldBeLessThanOrEqualTo(CatalogBatch.MaxActions);
    }
}
