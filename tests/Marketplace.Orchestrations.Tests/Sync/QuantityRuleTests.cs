using System.Collections.Concurrent;
using Marketplace.Orchestrations.Sync.QuantityRules;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Per-platform quantity rules on the sale path and on a rule change, against Azurite and the sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class QuantityRuleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task RuleChange_RepushesOnlyTheListingsWhoseShownQuantityChanges()
    {
        var sent = new ConcurrentQueue<(string Platform, string Sku, int Quantity)>();
        await using var harness = await SyncHarness.StartAsync(azurite.Account, wrapConnector: c => new RecordingConnector(c, sent));
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var many = await harness.ListEverywhereAsync("QR-MANY-" + tag, quantity: 10, stocked: true);
        var few = await harness.ListEverywhereAsync("QR-FEW-" + tag, quantity: 2, stocked: true);
        var oneOff = await harness.ListEverywhereAsync("QR-ONE-" + tag);
        sent.Clear();

        var starter = harness.Services.GetRequiredService<QuantityRuleStarter>();
        var instanceId = await starter.ChangeAsync(Platform.Ebay, new QuantityRule(Maximum: 3));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await harness.Client.WaitForInstanceCompletionAsync(instanceId!, getInputsAndOutputs: true, timeout.Token);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var result = done.ReadOutputAs<QuantityRuleResult>()!;
        result.Checked.ShouldBeGreaterThanOrEqualTo(3);
        result.Pushed.ShouldHaveSingleItem().ShouldBe(new RepushedListing(many.Sku, 3, true, null));
        sent.ShouldBe([("ebay", many.Sku, 3)]);
        harness.EbayReverb.Ebay.QuantityOf(many.Sku).ShouldBe(3);
        harness.EbayReverb.Ebay.QuantityOf(few.Sku).ShouldBe(2);
        harness.EbayReverb.Ebay.QuantityOf(oneOff.Sku).ShouldBe(1);
        (await starter.ChangeAsync(Platform.Ebay, new QuantityRule(Maximum: 3))).ShouldBeNull();
    }

    [Fact]
    public async Task SaleElsewhere_EachPlatformGetsWhatItsRuleShows_TheLedgerKeepsTheStock()
    {
        var sent = new ConcurrentQueue<(string Platform, string Sku, int Quantity)>();
        await using var harness = await SyncHarness.StartAsync(azurite.Account, wrapConnector: c => new RecordingConnector(c, sent));
        var rules = harness.Services.GetRequiredService<QuantityRuleStore>();
        await rules.SetAsync(Platform.Reverb, new QuantityRule(Percent: 50m, Buffer: 1));
        await rules.SetAsync(Platform.Shopify, new QuantityRule(OneOffOnly: true));
        var sku = "QR-SALE-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await harness.ListEverywhereAsync(sku, quantity: 10, stocked: true);
        sent.Clear();

        var sale = new SaleEvent("ebay", "ORD-" + sku, "LINE-1", sku, 1, 1299m, "GBP", DateTimeOffset.UtcNow);
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        var result = await harness.WaitAsync(sale);

        result.Quantity.ShouldBe(9);
        result.Platforms.ShouldAllBe(p => p.Succeeded && p.Action == StockAction.SetQuantity);
        // eBay, with no rule, shows the stock (the source platform is set too for a stocked item).
        sent.Where(s => s.Platform != "ebay").OrderBy(s => s.Platform).ShouldBe([("reverb", sku, 4), ("shopify", sku, 0)]);
        sent.Where(s => s.Platform == "ebay").ShouldAllBe(s => s.Quantity == 9);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(9);
    }

    /// <summary>Records every quantity sent to a platform.</summary>
    private sealed class RecordingConnector(IMarketplaceConnector inner, ConcurrentQueue<(string, string, int)> sent) : IMarketplaceConnector
    {
        public string Platform => inner.Platform;

        public Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default) => inner.FindListingAsync(sku, cancellationToken);

        public Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default) => inner.UpsertListingAsync(draft, cancellationToken);

        public Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default)
        {
            sent.Enqueue((Platform, sku, quantity));
            return inner.SetQuantityAsync(sku, quantity, cancellationToken);
        }

        public Task SetQuantityAtAsync(string sku, int quantity, long ledgerPosition, CancellationToken cancellationToken = default)
        {
            sent.Enqueue((Platform, sku, quantity));
            return inner.SetQuantityAtAsync(sku, quantity, ledgerPosition, cancellationToken);
        }

        public Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default) => inner.EndListingAsync(sku, reason, cancellationToken);

        public IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) => inner.GetSalesSinceAsync(since, cancellationToken);
    }
}
