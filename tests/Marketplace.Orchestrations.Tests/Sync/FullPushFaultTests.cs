using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// A full push whose Shopify part goes through the bulk import, with 20% of the calls to every sandbox failing
/// (429, 5xx, timeouts, lost Shopify responses) and no retry inside the connectors: the workflow's retries finish it,
/// and the failed attempts are on the listings and in the audit trail, failures before the success.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FullPushFaultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WithTwentyPercentFaults_TheBulkAndPerItemPushComplete_AndTheAttemptLogAndAuditShowTheRetries()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, connectorRetries: 0, shopifyBulkThreshold: 3);
        var skus = await SyncSeeding.CreateProductsAsync(harness.Services, "PF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), 9);
        harness.InjectFaults(0.2);

        var id = await harness.Services.GetRequiredService<FullSyncStarter>().StartAsync(new FullSyncRequest { BatchSize = 3 });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var done = await harness.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        harness.InjectFaults(0);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var state = done.ReadOutputAs<FullSyncState>()!;
        state.Errors.ShouldBeEmpty();
        harness.Shop.BulkOperations.Count.ShouldBeGreaterThanOrEqualTo(3);
        var failedAttempts = 0;
        var failedAudits = 0;
        var audit = harness.Services.GetRequiredService<AuditLog>();
        foreach (var sku in skus)
        {
            harness.Shop.CountWithSku(sku).ShouldBe(1, sku);
            harness.EbayReverb.Ebay.OffersFor(sku).Count.ShouldBe(1, sku);
            harness.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).Count.ShouldBe(1, sku);
            var listings = await harness.Listings.ListAsync(sku);
            listings.Count.ShouldBe(3);
            foreach (var listing in listings)
            {
                listing.Attempts[^1].Succeeded.ShouldBeTrue($"{sku} on {listing.Platform}");
                failedAttempts += listing.Attempts.Count(a => !a.Succeeded);
            }

            await foreach (var record in audit.QueryAsync(new AuditQuery(Sku: sku, Outcome: AuditOutcome.Failure)))
            {
                record.Action.ShouldStartWith("listing.");
                failedAudits++;
            }
        }

        failedAttempts.ShouldBeGreaterThan(0);
        failedAudits.ShouldBe(failedAttempts);
    }
}
