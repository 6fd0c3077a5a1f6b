using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Unmatched;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>A sale of a SKU the catalog does not know yet is kept and applied once the SKU exists.</summary>
[Trait("Category", "Integration")]
public sealed class UnmatchedSaleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task UnknownSkuSold_ThenCreated_TheSaleAppliesOnce()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var store = harness.Services.GetRequiredService<UnmatchedSaleStore>();
        var sku = "LATE-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var sale = new SaleEvent("reverb", "5150", "5150", sku, 1, 900m, "EUR", DateTimeOffset.UtcNow);

        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        (await harness.WaitAsync(sale)).Problem.ShouldNotBeNull().ShouldContain("unmatched");
        (await harness.Sales.StartAsync(sale)).ShouldBeFalse();
        var kept = (await store.GetAsync(sale.EventId)).ShouldNotBeNull();
        kept.Status.ShouldBe(UnmatchedSaleStatus.Open);
        (await Audit(harness, sku)).ShouldContain(r => r.Action == "sale.unmatched");

        var product = SyncSeeding.NewBass(sku, 1) with { Quantity = 3, Stocked = true };
        await harness.Catalog.CreateAsync(product, CatalogActor.Create("test"));
        await harness.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var applied = await WaitForAsync(harness, UnmatchedSales.InstanceIdFor(sale), timeout.Token);

        applied.ReadOutputAs<SaleResult>()!.Quantity.ShouldBe(2);
        (await store.GetAsync(sale.EventId))!.Status.ShouldBe(UnmatchedSaleStatus.Applied);
        (await harness.Services.GetRequiredService<UnmatchedSales>().ApplyForSkuAsync(sku)).ShouldBe(0);
        (await harness.Ledger.ListAsync(sku)).Count(e => e.Reason == LedgerReason.Sale).ShouldBe(1);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(2);
    }

    [Fact]
    public async Task UnmatchedSale_ResolvedToAnotherSku_OrDismissed()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var unmatched = harness.Services.GetRequiredService<UnmatchedSales>();
        var store = harness.Services.GetRequiredService<UnmatchedSaleStore>();
        var real = "REAL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ListEverywhereAsync(real, quantity: 2, stocked: true);
        var typo = new SaleEvent("ebay", "11-1-1", "7", "TYPO-" + real, 1, null, null, DateTimeOffset.UtcNow);
        var junk = new SaleEvent("ebay", "11-1-2", "8", "JUNK-" + real, 1, null, null, DateTimeOffset.UtcNow);
        await harness.Sales.StartAsync(typo);
        await harness.Sales.StartAsync(junk);
        await harness.WaitAsync(typo);
        await harness.WaitAsync(junk);

        (await unmatched.ResolveAsync(typo.EventId, "NOPE-" + real, CatalogActor.Create("test")).ShouldThrowAsync<CatalogNotFoundException>()).ShouldNotBeNull();
        (await unmatched.ResolveAsync(typo.EventId, real, CatalogActor.Create("test"))).ShouldNotBeNull().AppliedTo.ShouldBe(real);
        (await unmatched.ResolveAsync(typo.EventId, real, CatalogActor.Create("test"))).ShouldBeNull();
        (await unmatched.DismissAsync(junk.EventId, CatalogActor.Create("test"), "duplicate listing")).ShouldBeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await WaitForAsync(harness, UnmatchedSales.InstanceIdFor(typo with { Sku = real }), timeout.Token);

        (await harness.Catalog.GetAsync(real))!.Quantity.ShouldBe(1);
        (await store.GetAsync(junk.EventId))!.Status.ShouldBe(UnmatchedSaleStatus.Dismissed);
        var open = new List<UnmatchedSale>();
        await foreach (var sale in store.ListAsync(UnmatchedSaleStatus.Open))
        {
            open.Add(sale);
        }

        open.ShouldBeEmpty();
    }

    private static async Task<OrchestrationMetadata> WaitForAsync(SyncHarness harness, string instanceId, CancellationToken cancellationToken)
    {
        while (await harness.Client.GetInstanceAsync(instanceId, cancellationToken) is null)
        {
            await Task.Delay(200, cancellationToken);
        }

        var done = await harness.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        return done;
    }

    private static async Task<List<AuditRecord>> Audit(SyncHarness harness, string sku)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in harness.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Sku: sku)))
        {
            records.Add(record);
        }

        return records;
    }
}
