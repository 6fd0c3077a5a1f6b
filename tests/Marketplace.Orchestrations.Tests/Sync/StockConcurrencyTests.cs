using System.Collections.Concurrent;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Many sales and cancellations of one SKU in flight on three platforms while the platforms fail a fifth of the calls.</summary>
[Trait("Category", "Integration")]
public sealed class StockConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Stock = 60;
    private const int Sales = 50;
    private const int Cancellations = 10;

    [Fact]
    public async Task FiftySalesAndTenCancellationsInFlight_EveryPlatformEndsAtTheCatalogQuantity_AndNeverGoesBackToAnOlderOne()
    {
        var sent = new ConcurrentQueue<(string Platform, int Quantity, long Position)>();
        await using var harness = await SyncHarness.StartAsync(azurite.Account, wrapConnector: c => new RecordingConnector(c, sent));
        var sku = "CONC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ListEverywhereAsync(sku, quantity: Stock, stocked: true);
        var platforms = new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb };
        var purchases = new List<SandboxWebhook>();
        for (var i = 0; i < Sales; i++)
        {
            purchases.Add(await harness.Sandboxes.BuyAsync(platforms[i % 3], sku, SyncSeeding.ListedPrice));
        }

        var cancellations = new List<SandboxWebhook>();
        foreach (var purchase in purchases.Take(Cancellations))
        {
            cancellations.Add(await harness.Sandboxes.CancelAsync(purchase));
        }

        harness.InjectFaults(0.2);
        var reader = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SaleWebhookReader>(harness.Services);
        var events = await Task.WhenAll(purchases.Concat(cancellations).Select(async w => (await reader.ReadAsync(w.Platform.ToWire(), w.Header, w.Body)).Single()));
        await Task.WhenAll(events.Select(e => harness.Sales.StartAsync(e)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ids = events.Select(SaleStarter.InstanceIdFor).Concat(events.Where(e => e.CommittedQuantity < e.Quantity).Select(SaleStarter.ReturnInstanceIdFor)).Distinct();
        foreach (var id in ids)
        {
            // A cancellation read before its purchase is applied by the sale workflow itself (no return workflow then).
            if (await harness.Client.GetInstanceAsync(id, timeout.Token) is not null)
            {
                (await harness.Client.WaitForInstanceCompletionAsync(id, timeout.Token)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, id);
            }
        }

        harness.InjectFaults(0);
        var catalog = (await harness.Catalog.GetAsync(sku))!.Quantity;
        catalog.ShouldBe(Stock - Sales + Cancellations);
        harness.Shop.AvailableFor(sku).ShouldBe(catalog);
        harness.EbayReverb.Ebay.QuantityOf(sku).ShouldBe(catalog);
        harness.EbayReverb.Reverb.InventoryOf(sku).ShouldBe(catalog);
        var ledger = (await harness.Ledger.ListAsync(sku)).ToDictionary(e => e.Sequence, e => e.QuantityAfter);
        foreach (var platform in platforms.Select(p => p.ToWire()))
        {
            var received = sent.Where(s => s.Platform == platform).ToList();
            received.ShouldNotBeEmpty(platform);
            // Pushes to one listing are sent one at a time, each with the catalog as it was then: positions never go back, and
            // every quantity sent is the catalog's at its position (never an older, higher one).
            received.Select(r => r.Position).ShouldBe(received.Select(r => r.Position).Order(), platform);
            received.ShouldAllBe(r => ledger[r.Position] == r.Quantity, platform);
            received[^1].Quantity.ShouldBe(catalog, platform);
        }
    }

    /// <summary>Records every quantity sent to a platform, in the order sent, with the ledger position it reflects.</summary>
    private sealed class RecordingConnector(IMarketplaceConnector inner, ConcurrentQueue<(string, int, long)> sent) : IMarketplaceConnector
    {
        public string Platform => inner.Platform;

        public Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default) => inner.FindListingAsync(sku, cancellationToken);

        public Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default) => inner.UpsertListingAsync(draft, cancellationToken);

        public Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default) => inner.SetQuantityAsync(sku, quantity, cancellationToken);

        public Task SetQuantityAtAsync(string sku, int quantity, long ledgerPosition, CancellationToken cancellationToken = default)
        {
            sent.Enqueue((Platform, quantity, ledgerPosition));
            return inner.SetQuantityAtAsync(sku, quantity, ledgerPosition, cancellationToken);
        }

        public Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default) => inner.EndListingAsync(sku, reason, cancellationToken);

        public IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) => inner.GetSalesSinceAsync(since, cancellationToken);
    }
}
