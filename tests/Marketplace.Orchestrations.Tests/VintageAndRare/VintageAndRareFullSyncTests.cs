using System.Collections.Concurrent;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Tests.Sync.Orchestrators;
using Marketplace.Orchestrations.VintageAndRare;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.VintageAndRare;

/// <summary>A full sync's Vintage &amp; Rare creates on the in-memory host: through the listing workflow, one at a time, each with its follow-up.</summary>
public sealed class VintageAndRareFullSyncTests
{
    [Fact]
    public async Task Changes_RunOneAtATime_CreatesThroughTheListingWorkflow_EachStartingItsFollowUp()
    {
        var inFlight = 0;
        var mostAtOnce = 0;
        var pushes = new ConcurrentBag<(string Instance, ListingPush Push)>();
        var followUps = new ConcurrentBag<(string Instance, VintageAndRareListingRequest Request)>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<FullSyncOrchestrator>(sp)
            .AddOrchestrator<VintageAndRareListingOrchestrator>(sp)
            .AddActivityFunc<FullSyncRequest, int>(nameof(CountProductsActivity), (_, _) => 6)
            .AddActivityFunc<SyncPageRequest, SyncPage>(nameof(ReadSyncPageActivity), (_, request) => Page(request))
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity), (context, push) =>
            {
                pushes.Add((context.InstanceId, push));
                if (push.Platform != Platform.VintageAndRare)
                {
                    return new ListingPushOutcome(push.Platform, push.Action, true, false, "e-" + push.Sku, null, null);
                }

                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref mostAtOnce, now);
                Thread.Sleep(30); // a browser step takes a while: overlapping pushes would show here
                Interlocked.Decrement(ref inFlight);
                return push.Sku == "P1C"
                    ? throw new PlatformRejectedException("V&R refused: no photo", new InvalidOperationException())
                    : new ListingPushOutcome(push.Platform, push.Action, true, false, "vr-" + push.Sku, null, null);
            })
            .AddActivityFunc<VintageAndRareListingRequest, bool>(nameof(StartVintageAndRareFollowUpActivity), (context, request) =>
            {
                followUps.Add((context.InstanceId, request));
                return true;
            }), services => services.AddSingleton(new SyncConnectors([Connector("ebay"), Connector("vintageandrare")])));

        var id = "fullsync:" + Guid.NewGuid().ToString("N");
        var state = await host.RunAsync<FullSyncOrchestrator, FullSyncState>(new FullSyncState { Request = new FullSyncRequest { BatchSize = 3 } }, id);

        state.Completed.ShouldBeTrue();
        state.PerPlatform[Platform.VintageAndRare].ShouldBe(new PlatformProgress(3, 2, 1));
        state.PerPlatform[Platform.Ebay].ShouldBe(new PlatformProgress(4, 0, 0));
        state.Errors.ShouldBe(["P1C on vintageandrare: V&R refused: no photo"]);
        mostAtOnce.ShouldBe(1);
        var creates = pushes.Where(p => p.Push.Platform == Platform.VintageAndRare && !p.Push.Sku.EndsWith('B')).ToList();
        creates.Select(p => p.Instance).Distinct().Order().ShouldBe(
            new[] { "P0A", "P0C", "P1A", "P1C" }.Select(sku => VintageAndRareFullSyncPushes.InstanceIdFor(id, sku)).Order());
        pushes.Where(p => p.Push.Platform == Platform.VintageAndRare && p.Push.Sku.EndsWith('B')).ShouldAllBe(p => p.Instance == id, "an update is the sync's own push");
        followUps.Select(f => f.Request.Sku).Order().ShouldBe(["P0A", "P0C", "P1A"]);
        followUps.ShouldAllBe(f => f.Instance == VintageAndRareFullSyncPushes.InstanceIdFor(id, f.Request.Sku)
            && f.Request.Push!.ExternalId == "vr-" + f.Request.Sku && !f.Request.FollowUpApart && f.Request.GiveUpAt == null);
    }

    [Fact]
    public async Task FollowUpStartedApart_SkipsThePush_AndFollowsTheListingToActive()
    {
        var pushes = 0;
        var checks = new ConcurrentQueue<string?>(["PENDING", "ACTIVE"]);
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<VintageAndRareListingOrchestrator>(sp)
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity), (_, push) =>
            {
                Interlocked.Increment(ref pushes);
                return new ListingPushOutcome(push.Platform, push.Action, true, false, "vr-new", null, null);
            })
            .AddActivityFunc<VintageAndRareStatusCheck, string?>(nameof(CheckVintageAndRareStatusActivity), (_, _) => checks.TryDequeue(out var s) ? s : "ACTIVE"),
            services => services.AddSingleton(new VintageAndRareWorkflowOptions { PollInterval = TimeSpan.FromMilliseconds(200), PendingTimeout = TimeSpan.FromSeconds(30) }));
        var pushed = new ListingPushOutcome(Platform.VintageAndRare, ListingAction.Upsert, true, false, "vr-9", null, null);

        var result = await host.RunAsync<VintageAndRareListingOrchestrator, VintageAndRareListingProgress>(new VintageAndRareListingRequest("VR-9", ListingAction.Upsert, Push: pushed));

        pushes.ShouldBe(0);
        (result.Phase, result.Status, result.Checks).ShouldBe(("done", "ACTIVE", 1));
        result.Push.ShouldBe(pushed);
    }

    /// <summary>Pages 0 and 1 of three products: A new on both platforms, B outdated on V&amp;R, C new on V&amp;R only; page 0 is the last but one.</summary>
    private static SyncPage Page(SyncPageRequest request)
    {
        var index = request.Cursor is null ? 0 : 1;
        var (a, b, c) = ($"P{index}A", $"P{index}B", $"P{index}C");
        return new SyncPage(
            [new SyncChange(a, Platform.Ebay, "create"), new SyncChange(a, Platform.VintageAndRare, "create"), new SyncChange(b, Platform.VintageAndRare, "update"),
                new SyncChange(c, Platform.VintageAndRare, "create"), new SyncChange(c, Platform.Ebay, "create")],
            3,
            index == 0 ? "1" : null);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static IMarketplaceConnector Connector(string platform)
    {
        var connector = Substitute.For<IMarketplaceConnector>();
        connector.Platform.Returns(platform);
        return connector;
    }
}
