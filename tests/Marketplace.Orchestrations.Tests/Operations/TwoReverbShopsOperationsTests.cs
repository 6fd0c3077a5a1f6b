using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Operations.StaleStock;
using Marketplace.Orchestrations.Operations.Stats;
using Marketplace.Sandbox.Reverb;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Stats;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Operations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Operations;

/// <summary>
/// The daily operations (stale stock, image checks, platform stats) with two Reverb shops (the default account and account
/// <c>b</c>): each acts in the shop that holds the listing, and in every shop of a product listed in several.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TwoReverbShopsOperationsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task StaleStock_RelistsAnOldListingInTheShopHoldingIt_EachShopOfAProductOnBoth_AndTheRecordKeepsEveryShop()
    {
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account, reverbShopB: true);
        var onlyB = "STB-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var both = "STW-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, onlyB, images: 1, reverbAccounts: ["b"]);
        await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, both, images: 1, reverbAccounts: ["default", "b"]);
        var (shopA, shopB) = (env.Sandboxes.EbayReverb.Reverb, env.Sandboxes.EbayReverb.ReverbShop("b"));
        var idB = Id(shopB, onlyB);
        var (bothA, bothB) = (Id(shopA, both), Id(shopB, both));
        var longAgo = DateTimeOffset.UtcNow.AddDays(-200);
        foreach (var (shop, id) in new[] { (shopB, idB), (shopA, bothA), (shopB, bothB) })
        {
            shop.SetPublishedAt(id, longAgo);
        }

        var run = await RunStaleStockAsync(env);

        run.Actions.Where(a => a.Platform == Platform.Reverb).Select(a => (a.Sku, a.Shop, a.Outcome, a.ExternalIdBefore, a.ExternalIdAfter, a.Error))
            .OrderBy(a => a.Sku, StringComparer.Ordinal).ThenBy(a => a.Shop, StringComparer.Ordinal).ShouldBe([
                (onlyB, "b", StaleStockOutcomes.Relisted, Text(idB), Text(idB), null),
                (both, "b", StaleStockOutcomes.Relisted, Text(bothB), Text(bothB), null), (both, "default", StaleStockOutcomes.Relisted, Text(bothA), Text(bothA), null),
            ]);
        foreach (var (shop, id) in new[] { (shopB, idB), (shopA, bothA), (shopB, bothB) })
        {
            var listing = shop.Get(id).ShouldNotBeNull();
            listing["state"]!["slug"]!.GetValue<string>().ShouldBe("live");
            DateTimeOffset.Parse(listing["published_at"]!.GetValue<string>(), CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(-1));
        }

        shopA.FindBySku(onlyB, liveOnly: false).ShouldBeEmpty();
        var listings = env.Services.GetRequiredService<ListingStore>();
        var recordB = (await listings.GetAsync(onlyB, Platform.Reverb)).ShouldNotBeNull();
        (recordB.ExternalId, recordB.Status).ShouldBe((Text(idB), ListingStatus.Active));
        recordB.Shops.ShouldNotBeNull().Select(s => (s.Shop, s.ExternalId, s.Status)).ShouldBe([("b", Text(idB), ListingStatus.Active)]);
        recordB.Attempts.ShouldContain(a => a.Operation == "relist" && a.Succeeded && a.Note!.StartsWith($"relisted {idB} (listed ", StringComparison.Ordinal) && a.Note.EndsWith(" days), shop b", StringComparison.Ordinal));
        var recordBoth = (await listings.GetAsync(both, Platform.Reverb)).ShouldNotBeNull();
        recordBoth.ExternalId.ShouldBe(Text(bothA));
        recordBoth.Shops.ShouldNotBeNull().Select(s => (s.Shop, s.ExternalId, s.Url, s.Status)).ShouldBe([
            ("default", Text(bothA), $"https://reverb.com/item/{bothA}", ListingStatus.Active), ("b", Text(bothB), $"https://reverb.com/item/{bothB}", ListingStatus.Active)]);
        recordBoth.Attempts.Count(a => a.Operation == "relist" && a.Succeeded).ShouldBe(2);
    }

    [Fact]
    public async Task StaleStock_AListingInAShopNoLongerConfigured_IsReportedFailed_AndTheOtherListingsStillRun()
    {
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account, reverbShopB: true);
        var stale = "STS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var gone = "STG-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, stale, images: 1, reverbAccounts: ["b"]);
        await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, gone, images: 1, reverbAccounts: ["b"]);
        var shopB = env.Sandboxes.EbayReverb.ReverbShop("b");
        shopB.SetPublishedAt(Id(shopB, stale), DateTimeOffset.UtcNow.AddDays(-200));
        // The record of a shop whose settings were removed since it was listed there.
        await env.Services.GetRequiredService<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = gone, Platform = Platform.Reverb, Operation = "update", Succeeded = true, ExternalId = "999", RemoteStatus = "ACTIVE",
            Shops = [new ShopListing("gone", "999", null, "ACTIVE")],
        }, CatalogActor.Create("test"));

        var run = await RunStaleStockAsync(env);

        var failed = run.Actions.Where(a => a.Sku == gone).ShouldHaveSingleItem();
        (failed.Shop, failed.Outcome, failed.ExternalIdBefore).ShouldBe(("gone", StaleStockOutcomes.Failed, "999"));
        failed.Error.ShouldNotBeNull().ShouldContain("'gone' is not configured");
        run.Actions.Where(a => a.Sku == stale).ShouldHaveSingleItem().Outcome.ShouldBe(StaleStockOutcomes.Relisted);
        run.Failed.ShouldBe(1);
    }

    [Fact]
    public async Task Stats_OfAProductOnBothShops_SumTheViewsAndWatchesOfEachShop()
    {
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account, reverbShopB: true);
        var both = "SSW-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var onlyB = "SSB-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, both, images: 1, reverbAccounts: ["default", "b"]);
        await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, onlyB, images: 1, reverbAccounts: ["b"]);
        var (shopA, shopB) = (env.Sandboxes.EbayReverb.Reverb, env.Sandboxes.EbayReverb.ReverbShop("b"));
        shopA.SetStats(Id(shopA, both), views: 25, watches: 3);
        shopB.SetStats(Id(shopB, both), views: 10, watches: 2);
        shopB.SetStats(Id(shopB, onlyB), views: 7, watches: 1);

        var id = await env.Services.GetRequiredService<PlatformStatsStarter>().RunOnceAsync();
        using var timeout = new CancellationTokenSource(Wait);
        var done = await env.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        done.ReadOutputAs<PlatformStatsReport>()!.Platforms.Single(p => p.Platform == Platform.Reverb).ShouldSatisfyAllConditions(
            p => p.Listings.ShouldBe(2), p => p.Pulled.ShouldBe(2));
        (await ReverbStatsAsync(env, both)).ShouldBe((Text(Id(shopA, both)), 35, 5));
        (await ReverbStatsAsync(env, onlyB)).ShouldBe((Text(Id(shopB, onlyB)), 7, 1));
    }

    [Fact]
    public async Task Images_AnImageMissingFromShopBsListing_IsFoundAndRestoredInShopB_AndTheDefaultShopIsLeftAlone()
    {
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account, reverbShopB: true);
        var sku = "IMW-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var product = await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, sku, images: 3, reverbAccounts: ["default", "b"]);
        var gallery = ImageSeeding.GalleryUrls(env.Services, product);
        var (shopA, shopB) = (env.Sandboxes.EbayReverb.Reverb, env.Sandboxes.EbayReverb.ReverbShop("b"));
        var idB = Id(shopB, sku);
        await env.Services.GetRequiredService<ReverbAccounts>().ClientFor("b").UpdateListingAsync(idB,
            new JsonObject { ["photos"] = new JsonArray(gallery.Take(2).Select(u => (JsonNode)JsonValue.Create(u)).ToArray()) });
        var updatedA = shopA.Get(Id(shopA, sku))!["updated_at"]!.GetValue<string>();

        var dry = (await env.CheckImagesAsync(sku, dryRun: true, Platform.Reverb))[Platform.Reverb];
        var fix = (await env.CheckImagesAsync(sku, dryRun: false, Platform.Reverb))[Platform.Reverb];
        var again = (await env.CheckImagesAsync(sku, dryRun: false, Platform.Reverb))[Platform.Reverb];

        var found = dry.Findings.ShouldHaveSingleItem();
        (found.Shop, found.Outcome, found.Expected, found.Found).ShouldBe(("b", ImageCheckOutcomes.WouldFix, 3, 2), found.Error);
        found.Missing.ShouldBe([gallery[2]]);
        (dry.Checked, dry.Ok, dry.WouldFix).ShouldBe((2, 1, 1));
        (fix.Fixed, fix.Ok, fix.Failed).ShouldBe((1, 1, 0));
        fix.Findings.ShouldHaveSingleItem().Shop.ShouldBe("b");
        (again.Ok, again.Findings.Count).ShouldBe((2, 0));
        shopB.Get(idB)!["photos"]!.AsArray().Count.ShouldBe(3);
        shopA.Get(Id(shopA, sku))!["updated_at"]!.GetValue<string>().ShouldBe(updatedA, "the default shop's listing was complete");
        var listing = (await env.Services.GetRequiredService<ListingStore>().GetAsync(sku, Platform.Reverb)).ShouldNotBeNull();
        listing.Shops.ShouldNotBeNull().Select(s => s.Shop).ShouldBe(["default", "b"]);
        listing.Attempts.Count(a => a.Operation == "images" && a.Succeeded).ShouldBe(1);
    }

    private static long Id(ReverbSandboxState shop, string sku) => shop.FindBySku(sku, liveOnly: false).ShouldHaveSingleItem()["id"]!.GetValue<long>();

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task<(string? ExternalId, int? Views, int? Watches)> ReverbStatsAsync(OperationsEnvironment env, string sku)
    {
        var rows = new List<ListingStats>();
        await foreach (var row in env.Services.GetRequiredService<ListingStatsStore>().ListAsync(sku))
        {
            rows.Add(row);
        }

        var reverb = rows.Where(r => r.Platform == Platform.Reverb).ShouldHaveSingleItem();
        return (reverb.ExternalId, reverb.Views, reverb.Watches);
    }

    private static async Task<StaleStockReport> RunStaleStockAsync(OperationsEnvironment env)
    {
        var id = await env.Services.GetRequiredService<StaleStockStarter>().RunOnceAsync(false);
        using var timeout = new CancellationTokenSource(Wait);
        var done = await env.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<StaleStockReport>()!;
    }
}
