using System.Text.Json;
using Azure.Data.Tables;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

[Trait("Category", "Integration")]
public sealed class OutboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task EveryMutation_WritesItsOutboxEntry()
    {
        using var host = new CatalogTestHost(azurite);
        var created = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 2, stocked: true), CatalogTestHost.Actor);
        var updated = await host.Products.UpdateAsync(created with { Title = "Renamed" }, 1, CatalogTestHost.Actor);
        await host.Ledger.AppendAsync(new InventoryChange { Sku = created.Sku, Delta = -1, Reason = LedgerReason.Sale, EventId = "s1", Source = Platform.Shopify });

        var entries = await host.Dispatcher.ListAsync(created.Sku);

        entries.Select(e => e.Orchestrator).ShouldBe([CatalogOrchestrators.PushProduct, CatalogOrchestrators.PushProduct, CatalogOrchestrators.PropagateStock]);
        JsonSerializer.Deserialize<PushProductInput>(entries[1].InputJson, CatalogJson.Options)!.Version.ShouldBe(updated.Version);
        var stock = JsonSerializer.Deserialize<PropagateStockInput>(entries[2].InputJson, CatalogJson.Options)!;
        (stock.Quantity, stock.Source).ShouldBe((1, Platform.Shopify));
    }

    [Fact]
    public async Task FailedMutation_WritesNoOutboxEntry()
    {
        using var host = new CatalogTestHost(azurite, o => o.MaxConcurrencyAttempts = 2);
        var created = await host.Products.CreateAsync(CatalogTestHost.NewProduct(), CatalogTestHost.Actor);
        // A stray version-1 snapshot makes the next update's batch fail on its snapshot insert, after the product row and before the outbox row.
        await host.Table.Client.AddEntityAsync(new TableEntity(CatalogKeys.PartitionOf(created.Sku), CatalogKeys.VersionRow(created.Sku, 1)) { ["Kind"] = "version", ["Data"] = "{}" });

        await Should.ThrowAsync<Azure.RequestFailedException>(() => host.Products.UpdateAsync(created with { Title = "Renamed" }, 1, CatalogTestHost.Actor));
        await Should.ThrowAsync<CatalogConflictException>(() => host.Products.UpdateAsync(created with { Title = "Stale" }, 7, CatalogTestHost.Actor));

        (await host.Dispatcher.ListAsync(created.Sku)).Count.ShouldBe(1);
        (await host.Products.GetAsync(created.Sku))!.Title.ShouldBe(created.Title);
        // Audit index rows share the transaction too: the cross-product index holds only the create.
        (await host.Audit.QueryPageAsync(new Marketplace.Shared.Catalog.Audit.AuditQuery())).Items.ShouldHaveSingleItem().Action.ShouldBe("product.create");
    }

    [Fact]
    public async Task Dispatcher_StartsEachEntryOnce_AcrossACrashBetweenScheduleAndMark()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 3, stocked: true), CatalogTestHost.Actor);
        for (var i = 0; i < 3; i++)
        {
            await host.Ledger.AppendAsync(new InventoryChange { Sku = product.Sku, Delta = -1, Reason = LedgerReason.Sale, EventId = $"s{i}", Source = Platform.Ebay });
        }

        host.Starter.CrashAfterNextSchedule = true;
        await Should.ThrowAsync<InvalidOperationException>(() => host.Dispatcher.DispatchPendingAsync(product.Sku));
        host.Starter.Instances.Count.ShouldBe(1);

        var marked = await host.Dispatcher.DispatchPendingAsync(product.Sku);
        var again = await host.Dispatcher.DispatchPendingAsync(product.Sku);

        var entries = await host.Dispatcher.ListAsync(product.Sku);
        entries.Count.ShouldBe(4);
        marked.ShouldBe(4);
        again.ShouldBe(0);
        entries.ShouldAllBe(e => e.DispatchedAt != null);
        host.Starter.Instances.Keys.Order().ShouldBe(entries.Select(e => e.Id).Order());
        host.Starter.Calls.ShouldBe(5);
    }

    [Fact]
    public async Task ConcurrentDispatchers_ScheduleEachInstanceOnce()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(), CatalogTestHost.Actor);
        await host.Products.UpdateAsync(product with { Title = "v2" }, 1, CatalogTestHost.Actor);

        var counts = await Task.WhenAll(Task.Run(() => host.Dispatcher.DispatchPendingAsync()), Task.Run(() => host.Dispatcher.DispatchPendingAsync()));

        counts.Sum().ShouldBe(2);
        host.Starter.Instances.Count.ShouldBe(2);
    }
}
