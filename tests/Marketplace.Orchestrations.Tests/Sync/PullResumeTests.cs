using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Shared.Catalog;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Pulls that crash or repeat: no duplicate change sets, progress never goes back, the cursor only moves forward.</summary>
[Trait("Category", "Integration")]
public sealed class PullResumeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Pull_WithTheWorkerReplacedMidRun_ResumesWithoutDuplicateChangeSets_AndProgressNeverGoesBack()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var skus = await harness.ListAsync(10);
        foreach (var sku in skus)
        {
            harness.Ebay.Edit(sku, l => l with { Title = "Renamed " + sku });
        }

        harness.Ebay.ReadDelay = TimeSpan.FromMilliseconds(150);
        var id = await harness.StartSyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, BatchSize = 2, Platforms = [Platform.Ebay] });
        var seen = new List<int>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (seen.Count == 0 || seen[^1] < 4)
        {
            seen.Add(await ReadAsync(harness, id));
            await Task.Delay(20, timeout.Token);
        }

        await harness.StopWorkerAsync();
        (await harness.Client.GetInstanceAsync(id))!.IsCompleted.ShouldBeFalse(string.Join(",", seen));
        await harness.StartReplacementWorkerAsync();
        OrchestrationMetadata? done;
        do
        {
            done = await harness.Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
            seen.Add(await ReadAsync(harness, id));
            await Task.Delay(50, timeout.Token);
        }
        while (done is null || !done.IsCompleted);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        done.ReadOutputAs<FullSyncState>()!.Pull!.PerPlatform[Platform.Ebay].Read.ShouldBe(10);
        seen.ShouldBe(seen.Order().ToList());
        var sets = await harness.ChangeSetsAsync(skus);
        sets.Select(c => c.Sku).Order().ShouldBe(skus.Order());
        (await harness.Cursors.GetAsync(Platform.Ebay))!.Sku.ShouldBe(skus[^1]);
    }

    [Fact]
    public async Task PullPage_RunTwiceAtOnce_StagesEachListingOnce_AndTheCursorNeverMovesBack()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var skus = await harness.ListAsync(4);
        foreach (var sku in skus)
        {
            harness.Ebay.Edit(sku, l => l with { Title = "Renamed " + sku });
        }

        using var scope = harness.Services.CreateScope();
        var activity = ActivatorUtilities.CreateInstance<PullPageActivity>(scope.ServiceProvider);
        var request = new FullSyncRequest { Direction = SyncDirection.Pull, BatchSize = 2 };
        var until = DateTimeOffset.UtcNow;
        var first = new PullPageRequest(Platform.Ebay, request, null, until, AdvanceCursor: true);
        var context = new TestActivityContext(nameof(PullPageActivity), "pull-test");

        var pages = await Task.WhenAll(activity.RunAsync(context, first), activity.RunAsync(context, first));
        var second = await activity.RunAsync(context, first with { Cursor = pages[0].Next });
        await activity.RunAsync(context, first);

        pages[0].Next.ShouldBe(pages[1].Next);
        second.Next.ShouldBeNull();
        (await harness.ChangeSetsAsync(skus)).Select(c => c.Sku).Order().ShouldBe(skus.Order());
        (await harness.Cursors.GetAsync(Platform.Ebay))!.Sku.ShouldBe(skus[^1]);
    }

    private static async Task<int> ReadAsync(PullHarness harness, string id)
    {
        var status = (await harness.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadCustomStatusAs<FullSyncState>();
        return status?.Pull?.PerPlatform.GetValueOrDefault(Platform.Ebay)?.Read ?? 0;
    }
}
