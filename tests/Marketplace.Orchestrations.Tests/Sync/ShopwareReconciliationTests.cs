using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Shopware;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Reconciliation on Shopware through the batch connector: live listings checked and sold-out ones ended in one request.</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareReconciliationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task LiveListingCheck_EndsWhatIsSoldOutHereInOneSyncRequest_AndRecordsAProductDeletedThere()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        var shopware = harness.Sandboxes.Shopware!.State;
        var prefix = "SWRC" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string[] soldOut = [prefix + "-Z1", prefix + "-Z2"];
        var gone = prefix + "-GONE";
        foreach (var sku in soldOut.Append(gone))
        {
            await harness.ListEverywhereAsync(sku);
        }

        foreach (var sku in soldOut)
        {
            await harness.Ledger.AppendAsync(new InventoryChange { Sku = sku, Delta = -1, Reason = LedgerReason.Adjustment, EventId = sku + "-adj", Actor = "test" });
        }

        await harness.Services.GetRequiredService<ShopwareClient>().DeleteProductAsync(ShopwareProductMapper.ProductId(gone));
        var writes = shopware.Writes.Count;

        // The live-listing pass alone (the pull pass before it ends what changed since its cursor, one by one).
        var drift = await LiveListingCheck.RunAsync(harness.Connectors.Get(Platform.Shopware), harness.Listings, harness.Catalog, Platform.Shopware,
            new Shared.Catalog.CatalogActor("reconciliation", "test"));

        drift.Where(d => d.Resolution == "ended").Select(d => d.Sku).Order().ShouldBe(soldOut);
        drift.ShouldContain(d => d.Sku == gone && d.Kind == "MISSING" && d.Resolution == "recorded");
        var productWrites = shopware.Writes.Skip(writes).Where(w => w.Rows.Any(r => r.Entity == "product")).ToList();
        var ends = productWrites.ShouldHaveSingleItem(string.Join("; ", productWrites.Select(w => string.Join(", ", w.Rows.Select(r => string.Join("+", r.Fields))))));
        ends.Rows.Count.ShouldBe(2);
        foreach (var sku in soldOut)
        {
            shopware.ProductByNumber(sku)!["stock"]!.GetValue<int>().ShouldBe(0);
            (await harness.Listings.GetAsync(sku, Platform.Shopware))!.Status.ShouldBe(ListingStatus.Ended);
        }

        (await harness.Listings.GetAsync(gone, Platform.Shopware))!.Status.ShouldNotBe(ListingStatus.Active);
    }
}
