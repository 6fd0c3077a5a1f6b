using System.Collections.Concurrent;
using System.Text.Json;
using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Operations.Stats;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Tests.Sync.Orchestrators;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Stats;
using Marketplace.Shared.Operations.Stats;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Operations;

/// <summary>The stats pull on the in-memory host with stand-in activities: chunking by the reader's batch size, the daily loop on a durable timer with ContinueAsNew.</summary>
public sealed class PlatformStatsOrchestratorTests
{
    [Fact]
    public async Task DailyPull_ReadsEachPlatformInBatches_WaitsOnItsTimer_AndContinuesAsNewWithTheLastReport()
    {
        var chunks = new ConcurrentQueue<StatsChunk>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<PlatformStatsOrchestrator>(sp)
            .AddActivityFunc<Platform, IReadOnlyList<string>>(nameof(ListImageCandidatesActivity), (_, platform) =>
                platform == Platform.Ebay ? ["A", "B", "C", "D", "E"] : ["R"])
            .AddActivityFunc<StatsChunk, int>(nameof(PullListingStatsActivity), (_, chunk) =>
            {
                chunks.Enqueue(chunk);
                return chunk.Skus.Count;
            }),
            services => services
                .AddSingleton(new PlatformStatsOptions { Interval = TimeSpan.FromSeconds(2) })
                .AddSingleton(new PlatformStatsReaders([new StandInReader(Platform.Ebay, 2), new StandInReader(Platform.Reverb, 50)], new SyncConnectors([]))));

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(PlatformStatsOrchestrator), new PlatformStatsRun(Eternal: true),
            new Microsoft.DurableTask.StartOrchestrationOptions(PlatformStatsOrchestrator.InstanceId));
        PlatformStatsStatus? status = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (status is not { Generation: >= 2, Phase: "waiting" } && !timeout.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
            var instance = await host.Client.GetInstanceAsync(PlatformStatsOrchestrator.InstanceId, getInputsAndOutputs: true);
            status = instance?.SerializedCustomStatus is { } json ? JsonSerializer.Deserialize<PlatformStatsStatus>(json, JsonSerializerOptions.Web) : null;
        }

        status.ShouldNotBeNull();
        status.Generation.ShouldBeGreaterThanOrEqualTo(2);
        status.Last!.Platforms.Select(p => (p.Platform, p.Listings, p.Pulled)).ShouldBe([(Platform.Ebay, 5, 5), (Platform.Reverb, 1, 1)]);
        status.NextRunAt.ShouldNotBeNull();
        var firstPull = chunks.Take(4).ToList();
        firstPull.Select(c => (c.Platform, c.Skus.Count)).ShouldBe([(Platform.Ebay, 2), (Platform.Ebay, 2), (Platform.Ebay, 1), (Platform.Reverb, 1)], ignoreOrder: true);
        await host.Client.TerminateInstanceAsync(PlatformStatsOrchestrator.InstanceId);
    }

    private sealed class StandInReader(Platform platform, int batchSize) : IListingStatsReader
    {
        public Platform Platform => platform;

        public int BatchSize => batchSize;

        public Task<IReadOnlyList<ListingStats>> ReadAsync(IReadOnlyList<ListedSku> listings, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The orchestrator reads through its activity only.");
    }
}
