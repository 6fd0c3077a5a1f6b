using System.Globalization;
using System.Text.Json;
using Marketplace.Orchestrations.Operations.StaleStock;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Operations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Operations;

/// <summary>Stale-stock policies against Azurite (catalog, task hub) and the Shopify, eBay and Reverb sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class StaleStockTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Run_RelistsOldEbayAndReverbListings_ArchivesShopifyOutOfStock_DryRunChangesNothing_AndARerunFindsNothing()
    {
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account);
        var old = "OLD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var empty = "EMP-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var fresh = "NEW-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        foreach (var sku in new[] { old, empty, fresh })
        {
            await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, sku, images: 1);
        }

        var listings = env.Services.GetRequiredService<ListingStore>();
        var ebayBefore = (await listings.GetAsync(old, Platform.Ebay))!.ExternalId!;
        var reverbId = long.Parse((await listings.GetAsync(old, Platform.Reverb))!.ExternalId!, CultureInfo.InvariantCulture);
        var longAgo = DateTimeOffset.UtcNow.AddDays(-200);
        env.Sandboxes.EbayReverb.Ebay.SetListingStart(old, longAgo).ShouldBeTrue();
        env.Sandboxes.EbayReverb.Reverb.SetPublishedAt(reverbId, longAgo);
        await env.Services.GetRequiredService<InventoryLedger>().AppendAsync(new InventoryChange
        {
            Sku = empty, Delta = -1, Reason = LedgerReason.Adjustment, EventId = "stale-test-" + empty,
        });

        var dry = await RunAsync(env, dryRun: true);
        var run = await RunAsync(env, dryRun: false);
        var again = await RunAsync(env, dryRun: false);

        (dry.Checked, dry.WouldRelist, dry.WouldArchive, dry.Relisted, dry.Archived).ShouldBe((9, 2, 1, 0, 0));
        dry.Actions.Select(a => (a.Sku, a.Platform)).Order().ShouldBe(new[] { (old, Platform.Ebay), (old, Platform.Reverb), (empty, Platform.Shopify) }.Order());
        dry.Actions.Single(a => a.Platform == Platform.Shopify).Reason.ShouldBe("out of stock");
        dry.Actions.Single(a => a.Platform == Platform.Ebay).Reason.ShouldBe("listed 200 days");
        (run.Relisted, run.Archived, run.Failed).ShouldBe((2, 1, 0), string.Join("; ", run.Actions.Select(a => a.Error)));
        (again.Relisted, again.Archived, again.WouldRelist, again.Failed).ShouldBe((0, 0, 0, 0));

        var ebay = (await listings.GetAsync(old, Platform.Ebay))!;
        ebay.ExternalId.ShouldNotBe(ebayBefore, "eBay's relist of an offer makes a new listing");
        run.Actions.Single(a => a.Platform == Platform.Ebay).ShouldSatisfyAllConditions(
            a => a.ExternalIdBefore.ShouldBe(ebayBefore), a => a.ExternalIdAfter.ShouldBe(ebay.ExternalId));
        ebay.Attempts.ShouldContain(a => a.Operation == "relist" && a.Succeeded && a.Note == $"relisted as {ebay.ExternalId}, replacing {ebayBefore} (listed 200 days)");
        env.Sandboxes.EbayReverb.Ebay.OfferForListing(ebay.ExternalId!)!.ListingStartDate!.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(-1));
        env.Sandboxes.EbayReverb.Ebay.OfferForListing(ebayBefore).ShouldBeNull();

        var reverb = env.Sandboxes.EbayReverb.Reverb.Get(reverbId)!;
        reverb["state"]!["slug"]!.GetValue<string>().ShouldBe("live");
        DateTimeOffset.Parse(reverb["published_at"]!.GetValue<string>(), CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(-1));
        (await listings.GetAsync(old, Platform.Reverb))!.Attempts.ShouldContain(a => a.Operation == "relist" && a.Succeeded);

        var shopify = (await listings.GetAsync(empty, Platform.Shopify))!;
        (shopify.Status, shopify.Attempts[^1].Operation, shopify.Attempts[^1].Note).ShouldBe((ListingStatus.Archived, "archive", "archived (out of stock)"));
        (await env.Services.GetRequiredService<SyncConnectors>().Get(Platform.Shopify).FindListingAsync(empty))!.Status.ShouldBe("ENDED");
        (await env.Services.GetRequiredService<SyncConnectors>().Get(Platform.Shopify).FindListingAsync(fresh))!.Status.ShouldBe("ACTIVE");
    }

    [Fact]
    public async Task DailyWorkflow_StartedAtHostStart_RunsAgainAfterItsTimer_AndShowsTheLastReport()
    {
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account,
            services => services.AddSingleton(new StaleStockOptions { Enabled = true, DryRun = true, Interval = TimeSpan.FromSeconds(2) }));
        var sku = "DLY-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, sku, images: 1);
        env.Sandboxes.EbayReverb.Ebay.SetListingStart(sku, DateTimeOffset.UtcNow.AddDays(-181)).ShouldBeTrue();

        var client = env.Services.GetRequiredService<DurableTaskClient>();
        using var timeout = new CancellationTokenSource(Wait);
        StaleStockStatus? status = null;
        OrchestrationMetadata? instance = null;
        while (status is not { Phase: "waiting", Last.WouldRelist: 1 } && !timeout.IsCancellationRequested)
        {
            await Task.Delay(200, CancellationToken.None);
            instance = await client.GetInstanceAsync(StaleStockOrchestrator.InstanceId, getInputsAndOutputs: true, CancellationToken.None);
            status = instance?.SerializedCustomStatus is { } json ? JsonSerializer.Deserialize<StaleStockStatus>(json, JsonSerializerOptions.Web) : null;
        }

        status.ShouldNotBeNull($"{instance?.RuntimeStatus} {instance?.SerializedCustomStatus} {instance?.FailureDetails}");
        status.Last.ShouldNotBeNull(instance!.SerializedCustomStatus);
        status.Last.DryRun.ShouldBeTrue(instance.SerializedCustomStatus);
        status.Last.Actions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => (a.Sku, a.Platform, a.Outcome).ShouldBe((sku, Platform.Ebay, StaleStockOutcomes.WouldRelist)));
        (await env.Services.GetRequiredService<StaleStockStarter>().StartDailyAsync()).ShouldBeFalse("it is already running");
        await client.TerminateInstanceAsync(StaleStockOrchestrator.InstanceId);
    }

    private static async Task<StaleStockReport> RunAsync(OperationsEnvironment env, bool dryRun)
    {
        var id = await env.Services.GetRequiredService<StaleStockStarter>().RunOnceAsync(dryRun);
        using var timeout = new CancellationTokenSource(Wait);
        var done = await env.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<StaleStockReport>()!;
    }
}
