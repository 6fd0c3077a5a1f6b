using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.VintageAndRare;
using Marketplace.Sandbox.VintageAndRare;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.VintageAndRare;

/// <summary>A full sync's Vintage &amp; Rare creates on the standalone runtime (Azurite, the sandbox site, real Chromium).</summary>
[Trait("Category", "Integration")]
public sealed class VintageAndRareFullSyncWorkflowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [ChromiumFact]
    public async Task FullSync_CreatesOnVintageAndRareOnce_FollowsEachListing_AndFlagsTheOneStillPendingAtTheDeadline()
    {
        await using var harness = await VintageAndRareHarness.StartAsync(azurite.Account, pendingTimeout: TimeSpan.FromSeconds(15));
        var prefix = "VRF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string approved = prefix + "-OK", stuck = prefix + "-STUCK";
        await harness.CreateGuitarAsync(approved);
        await harness.CreateGuitarAsync(stuck);
        harness.Site.State.Options.PendingDelay = TimeSpan.FromDays(1);
        var request = new FullSyncRequest { Scope = SyncScope.Selective, Skus = [approved, stuck], Platforms = [Platform.VintageAndRare] };

        var id = await harness.Services.GetRequiredService<FullSyncStarter>().StartAsync(request);
        var site = harness.Site.State;
        (await AppearedAsync(site, approved)).StoredStatus = "active"; // V&R's moderation approves this one
        var state = (await harness.WaitAsync(id)).ReadOutputAs<FullSyncState>()!;
        var done = (await harness.WaitAsync(FollowUpOf(id, approved))).ReadOutputAs<VintageAndRareListingProgress>()!;
        var flagged = (await harness.WaitAsync(FollowUpOf(id, stuck))).ReadOutputAs<VintageAndRareListingProgress>()!;

        state.PerPlatform[Platform.VintageAndRare].ShouldBe(new PlatformProgress(2, 0, 0));
        (done.Phase, done.Status).ShouldBe(("done", "ACTIVE"));
        (flagged.Phase, flagged.Status).ShouldBe(("flagged", "PENDING"));
        var active = (await harness.Listings.GetAsync(approved, Platform.VintageAndRare))!;
        (active.Status, active.Flag).ShouldBe((ListingStatus.Active, null));
        active.ExternalId.ShouldBe(done.Push!.ExternalId);
        var review = (await harness.Listings.GetAsync(stuck, Platform.VintageAndRare))!;
        review.Flag.ShouldNotBeNull().Reason.ShouldBe(CheckVintageAndRareStatusActivity.PendingTimeoutFlag);
        review.Flag.Detail.ShouldNotBeNull().ShouldContain("PENDING");
        site.Listings.Count(l => l.Sku == approved).ShouldBe(1);
        site.Listings.Count(l => l.Sku == stuck).ShouldBe(1);
    }

    private static async Task<VintageAndRareListing> AppearedAsync(VintageAndRareSandboxState site, string sku)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            if (site.Listings.SingleOrDefault(l => l.Sku == sku) is { } listing)
            {
                return listing;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static string FollowUpOf(string fullSyncId, string sku) =>
        StartVintageAndRareFollowUpActivity.InstanceIdFor(VintageAndRareFullSyncPushes.InstanceIdFor(fullSyncId, sku));
}
