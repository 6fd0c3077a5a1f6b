using System.Collections.Concurrent;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync.Orchestrators;

public sealed class FullSyncOrchestratorTests
{
    /// <summary>Three pages of two products; the first product of each page is new on both platforms, the second outdated on eBay.</summary>
    private static SyncPage Page(SyncPageRequest request)
    {
        var index = request.Cursor is null ? 0 : int.Parse(request.Cursor, System.Globalization.CultureInfo.InvariantCulture);
        var (a, b) = ($"P{index}A", $"P{index}B");
        return new SyncPage(
            [.. request.Platforms.Select(p => new SyncChange(a, p, "create")), new SyncChange(b, Platform.Ebay, "update")],
            2,
            index < 2 ? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private static void Services(IServiceCollection services) =>
        services.AddSingleton(new SyncConnectors([Connector("shopify"), Connector("ebay")]));

    [Fact]
    public async Task Push_ContinuesAsNewPerPage_CarryingCursorCountersAndStartTime()
    {
        var counts = 0;
        var cursors = new ConcurrentQueue<string?>();
        var pushes = new ConcurrentBag<ListingPush>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<FullSyncOrchestrator>(sp)
            .AddActivityFunc<FullSyncRequest, int>(nameof(CountProductsActivity), (_, _) => Interlocked.Increment(ref counts) > 0 ? 6 : 0)
            .AddActivityFunc<SyncPageRequest, SyncPage>(nameof(ReadSyncPageActivity), (_, request) =>
            {
                cursors.Enqueue(request.Cursor);
                return Page(request);
            })
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity), (_, push) =>
            {
                pushes.Add(push);
                return push.Sku == "P1B"
                    ? throw new PlatformRejectedException("ebay refused: bad category", new InvalidOperationException())
                    : new ListingPushOutcome(push.Platform, push.Action, true, false, "x", null, null);
            }), Services);

        var state = await host.RunAsync<FullSyncOrchestrator, FullSyncState>(new FullSyncState { Request = new FullSyncRequest { BatchSize = 2 } });

        counts.ShouldBe(1);
        cursors.ShouldBe([null, "1", "2"]);
        state.Completed.ShouldBeTrue();
        (state.Pages, state.Done, state.Total, state.ChangeCount).ShouldBe((3, 6, 6, 9));
        state.Platforms.ShouldBe([Platform.Shopify, Platform.Ebay]);
        state.PerPlatform[Platform.Shopify].ShouldBe(new PlatformProgress(3, 0, 0));
        state.PerPlatform[Platform.Ebay].ShouldBe(new PlatformProgress(3, 2, 1));
        state.Errors.ShouldBe(["P1B on ebay: ebay refused: bad category"]);
        state.StartedAt.ShouldNotBeNull();
        state.EtaUtc.ShouldBeNull();
        pushes.Count.ShouldBe(9); // the rejection is not retried
    }

    [Fact]
    public async Task ChunkedPushes_RetryOnlyWhatMayBeRetried_OneByOne_AndKeepTheOrderOfTheChanges()
    {
        var chunks = new ConcurrentBag<IReadOnlyList<ListingPush>>();
        var single = new ConcurrentBag<ListingPush>();
        var options = OrchestratorHost.FastOptions();
        options.PushChunkSize = 2;
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<FullSyncOrchestrator>(sp)
            .AddActivityFunc<FullSyncRequest, int>(nameof(CountProductsActivity), (_, _) => 5)
            .AddActivityFunc<SyncPageRequest, SyncPage>(nameof(ReadSyncPageActivity), (_, _) => new SyncPage(
                [new("A", Platform.Ebay, "create"), new("A", Platform.Reverb, "create"), new("B", Platform.Ebay, "update"),
                 new("C", Platform.Ebay, "create"), new("D", Platform.Ebay, "create"), new("E", Platform.Ebay, "create")], 5, null))
            .AddActivityFunc<IReadOnlyList<ListingPush>, IReadOnlyList<ChunkPushOutcome>>(nameof(PushListingsActivity), (_, pushes) =>
            {
                chunks.Add(pushes);
                return [.. pushes.Select(p => p.Sku switch
                {
                    "B" => new ChunkPushOutcome(p.Sku, new ListingPushOutcome(p.Platform, p.Action, false, false, null, null, "timeout"), Retryable: true),
                    "C" => new ChunkPushOutcome(p.Sku, new ListingPushOutcome(p.Platform, p.Action, false, false, null, null, "bad category"), Retryable: false),
                    _ => new ChunkPushOutcome(p.Sku, new ListingPushOutcome(p.Platform, p.Action, true, false, "x", null, null), Retryable: false),
                })];
            })
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity), (_, push) =>
            {
                single.Add(push);
                return new ListingPushOutcome(push.Platform, push.Action, true, false, "x", null, null);
            }), services => services.AddSingleton(new SyncConnectors([Connector("ebay"), Connector("reverb")])),
            options);

        var state = await host.RunAsync<FullSyncOrchestrator, FullSyncState>(new FullSyncState { Request = new FullSyncRequest() });

        chunks.Select(c => string.Join(",", c.Select(p => $"{p.Sku}@{p.Platform.ToWire()}"))).Order()
            .ShouldBe(["A@ebay,B@ebay", "A@reverb", "C@ebay,D@ebay", "E@ebay"]);
        single.ShouldHaveSingleItem().Sku.ShouldBe("B"); // the transient failure, not the refusal
        state.PerPlatform[Platform.Ebay].ShouldBe(new PlatformProgress(3, 1, 1));
        state.PerPlatform[Platform.Reverb].ShouldBe(new PlatformProgress(1, 0, 0));
        state.Errors.ShouldBe(["C on ebay: bad category"]);
    }

    [Fact]
    public async Task DryRun_ReportsTheChanges_AndPushesNothing()
    {
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<FullSyncOrchestrator>(sp)
            .AddActivityFunc<FullSyncRequest, int>(nameof(CountProductsActivity), (_, _) => 6)
            .AddActivityFunc<SyncPageRequest, SyncPage>(nameof(ReadSyncPageActivity), (_, request) => Page(request))
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity),
                ListingPushOutcome (TaskActivityContext _, ListingPush _) => throw new InvalidOperationException("dry run pushed")), Services);

        var state = await host.RunAsync<FullSyncOrchestrator, FullSyncState>(
            new FullSyncState { Request = new FullSyncRequest { BatchSize = 2, DryRun = true, Platforms = [Platform.Ebay, Platform.Reverb] } });

        state.Platforms.ShouldBe([Platform.Ebay]); // Reverb is not connected
        state.Changes.Select(c => c.Sku).ShouldBe(["P0A", "P0B", "P1A", "P1B", "P2A", "P2B"]);
        state.PerPlatform.ShouldBeEmpty();
    }

    [Fact]
    public async Task ShopifyChangesOverTheThreshold_GoThroughOneBulkImportPerPage()
    {
        var bulks = new ConcurrentBag<IReadOnlyList<string>>();
        var single = new ConcurrentBag<ListingPush>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<FullSyncOrchestrator>(sp)
            .AddActivityFunc<FullSyncRequest, int>(nameof(CountProductsActivity), (_, _) => 2)
            .AddActivityFunc<SyncPageRequest, SyncPage>(nameof(ReadSyncPageActivity), (_, request) =>
                new SyncPage([new("A", Platform.Shopify, "create"), new("B", Platform.Shopify, "update"), new("A", Platform.Ebay, "create")], 2, null))
            .AddActivityFunc<IReadOnlyList<string>, IReadOnlyList<BulkOutcome>>(nameof(ShopifyBulkPushActivity), (_, skus) =>
            {
                bulks.Add(skus);
                return [new BulkOutcome("A", true, null), new BulkOutcome("B", false, "title too long")];
            })
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity), (_, push) =>
            {
                single.Add(push);
                return new ListingPushOutcome(push.Platform, push.Action, true, false, "x", null, null);
            }), services =>
            {
                Services(services);
                services.AddSingleton(new ShopifyClient(new ShopifyClientOptions { ShopDomain = "test.myshopify.com", AccessToken = "unused" }));
            });

        var state = await host.RunAsync<FullSyncOrchestrator, FullSyncState>(new FullSyncState { Request = new FullSyncRequest() });

        bulks.ShouldHaveSingleItem().ShouldBe(["A", "B"]);
        single.ShouldHaveSingleItem().Platform.ShouldBe(Platform.Ebay);
        state.PerPlatform[Platform.Shopify].ShouldBe(new PlatformProgress(1, 0, 1));
        state.Errors.ShouldBe(["B on shopify: title too long"]);
    }

    [Fact]
    public async Task Bidirectional_PullsPageByPage_ChecksMissing_ThenPushes()
    {
        var pulled = new ConcurrentQueue<PullPageRequest>();
        var missing = 0;
        var pushed = 0;
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<FullSyncOrchestrator>(sp)
            .AddActivityFunc<FullSyncRequest, IReadOnlyList<PullPlatformStart>>(nameof(StartPullActivity), (_, _) => [new PullPlatformStart(Platform.Ebay, null)])
            .AddActivityFunc<PullCountRequest, int>(nameof(CountRemoteActivity), (_, _) => 3)
            .AddActivityFunc<PullPageRequest, PullPageResult>(nameof(PullPageActivity), (_, page) =>
            {
                pulled.Enqueue(page);
                var first = page.Cursor is null;
                return new PullPageResult(page.Platform, first ? 2 : 1,
                    [new PullChange(first ? "A" : "C", page.Platform, "FIELD", "price", "1", "2", "REVIEW")],
                    first ? new PullCursor(DateTimeOffset.UnixEpoch, "B", "2") : null, 0, []);
            })
            .AddActivityFunc<PullMissingRequest, IReadOnlyList<PullChange>>(nameof(FindMissingActivity), (_, request) =>
            {
                Interlocked.Increment(ref missing);
                return [new PullChange("Z", request.Platform, "MISSING", null, "ACTIVE", "REMOVED", "RECORDED")];
            })
            .AddActivityFunc<FullSyncRequest, int>(nameof(CountProductsActivity), (_, _) => 1)
            .AddActivityFunc<SyncPageRequest, SyncPage>(nameof(ReadSyncPageActivity), (_, _) => new SyncPage([new("A", Platform.Ebay, "update")], 1, null))
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity), (_, push) =>
            {
                Interlocked.Increment(ref pushed);
                return new ListingPushOutcome(push.Platform, push.Action, true, false, "x", null, null);
            }), Services);

        var state = await host.RunAsync<FullSyncOrchestrator, FullSyncState>(
            new FullSyncState { Request = new FullSyncRequest { Direction = SyncDirection.Bidirectional } });

        pulled.Select(p => p.Cursor?.Sku).ShouldBe([null, "B"]);
        pulled.ShouldAllBe(p => p.AdvanceCursor && p.Until == pulled.First().Until);
        missing.ShouldBe(1);
        var pull = state.Pull.ShouldNotBeNull();
        pull.Completed.ShouldBeTrue();
        pull.PerPlatform[Platform.Ebay].ShouldBe(new PullPlatformProgress
        {
            Read = 3, Total = 3, Review = 2, Recorded = 1, Cursor = new PullCursor(DateTimeOffset.UnixEpoch, "B", "2"), Done = true,
        });
        pull.ChangeCount.ShouldBe(3);
        pushed.ShouldBe(1);
        state.Completed.ShouldBeTrue();
        state.PerPlatform[Platform.Ebay].ShouldBe(new PlatformProgress(0, 1, 0));
    }

    private static IMarketplaceConnector Connector(string platform)
    {
        var connector = Substitute.For<IMarketplaceConnector>();
        connector.Platform.Returns(platform);
        return connector;
    }
}
