using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Sale propagation while every sandbox fails a fifth of the calls.</summary>
[Trait("Category", "Integration")]
public sealed class SaleFaultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WithTwentyPercentFaults_EverySaleCompletesEverywhereAndTheAttemptLogShowsTheRetries()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, connectorRetries: 0);
        var platforms = new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb };
        var sales = new List<SaleEvent>();
        for (var i = 0; i < 6; i++)
        {
            var sku = $"FAULT-{i}-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            await harness.ListEverywhereAsync(sku);
            sales.Add(new SaleEvent(platforms[i % 3].ToWire(), $"ORDER-{i}", "1", sku, 1, 1299m, "EUR", DateTimeOffset.UtcNow));
        }

        harness.InjectFaults(0.2);
        foreach (var sale in sales)
        {
            (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        }

        var results = await Task.WhenAll(sales.Select(harness.WaitAsync));
        harness.InjectFaults(0);

        results.ShouldAllBe(r => r.Platforms.Count == 2 && r.Platforms.All(p => p.Succeeded));
        var failedAttempts = 0;
        foreach (var sale in sales)
        {
            foreach (var platform in platforms.Where(p => p.ToWire() != sale.Platform))
            {
                var listing = (await harness.Listings.GetAsync(sale.Sku, platform))!;
                listing.Status.ShouldBe(ListingStatus.Ended);
                listing.Attempts[^1].Succeeded.ShouldBeTrue();
                failedAttempts += listing.Attempts.Count(a => !a.Succeeded);
                var remote = await harness.Connectors.Get(platform).FindListingAsync(sale.Sku);
                (remote is null || remote.Status != "ACTIVE").ShouldBeTrue($"{platform} still shows {sale.Sku} {remote?.Status}");
            }
        }

        failedAttempts.ShouldBeGreaterThan(0);
        var audit = harness.Services.GetService(typeof(AuditLog)).ShouldBeOfType<AuditLog>();
        var failures = 0;
        await foreach (var record in audit.QueryAsync(new AuditQuery(Outcome: AuditOutcome.Failure, Limit: 1000)))
        {
            failures += record.Action.StartsWith("listing.", StringComparison.Ordinal) ? 1 : 0;
        }

        failures.ShouldBe(failedAttempts);
    }
}
