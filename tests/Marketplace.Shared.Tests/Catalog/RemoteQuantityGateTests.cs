using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

/// <summary>A pulled quantity goes through the gate before staging: a sale the ledger has not seen yet is counted once.</summary>
[Trait("Category", "Integration")]
public sealed class RemoteQuantityGateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task PulledQuantity_LowerByASaleNotYetLedgered_StagesNothing_AndTheSaleCountsOnce()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 3, stocked: true), CatalogTestHost.Actor);
        var sale = new SaleEvent("reverb", "77", "1", product.Sku, 1, 100m, "EUR", DateTimeOffset.UtcNow);
        var platform = new SalesOnly("reverb", [sale]);
        var gate = new RemoteQuantityGate(new RemoteQuantityResolver(host.Ledger), [platform]);
        var incoming = new JsonObject { [ProductFields.Quantity] = 2 };

        var resolution = await gate.ApplyAsync(Platform.Reverb, product, incoming);
        var staged = await host.ChangeSets.StageAsync(new StageRequest(product.Sku, incoming, Platform.Reverb, "pull"), CatalogTestHost.Actor);
        await host.Ledger.AppendAsync(new InventoryChange { Sku = product.Sku, Delta = -1, Reason = LedgerReason.Sale, EventId = sale.EventId, Source = Platform.Reverb });

        resolution.ShouldNotBeNull().Unledgered.ShouldHaveSingleItem().EventId.ShouldBe(sale.EventId);
        (staged.Applied, staged.Review).ShouldBe((null, null));
        (await host.Products.GetAsync(product.Sku))!.Quantity.ShouldBe(2);
    }

    [Fact]
    public async Task PulledQuantity_EqualToTheCatalog_AsksThePlatformForNothing_AndARealCorrectionRemains()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 3, stocked: true), CatalogTestHost.Actor);
        var platform = new SalesOnly("reverb", []);
        var gate = new RemoteQuantityGate(new RemoteQuantityResolver(host.Ledger), [platform]);
        var same = new JsonObject { [ProductFields.Quantity] = 3 };
        var lower = new JsonObject { [ProductFields.Quantity] = 1 };

        (await gate.ApplyAsync(Platform.Reverb, product, same)).ShouldBeNull();
        platform.Reads.ShouldBe(0);
        (await gate.ApplyAsync(Platform.Reverb, product, lower))!.IsChange.ShouldBeTrue();
        lower[ProductFields.Quantity]!.GetValue<int>().ShouldBe(1);
        platform.Reads.ShouldBe(1);
    }

    private sealed class SalesOnly(string platform, IReadOnlyList<SaleEvent> sales) : IMarketplaceConnector
    {
        public int Reads { get; private set; }

        public string Platform => platform;

        public Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Reads++;
            await Task.CompletedTask;
            foreach (var sale in sales.Where(s => s.OccurredAt >= since))
            {
                yield return sale;
            }
        }
    }
}
