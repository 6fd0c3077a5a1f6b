using System.Collections.Concurrent;
using System.Text.Json;
using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Operations.StaleStock;
using Marketplace.Orchestrations.Tests.Sync.Orchestrators;
using Marketplace.Shared.Catalog;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Operations;

/// <summary>The stale-stock workflow on the in-memory host with stand-in activities: chunks per platform, counts, the daily loop on a durable timer.</summary>
public sealed class StaleStockOrchestratorTests
{
    [Fact]
    public async Task OneRun_ChunksEachPlatformsListings_AndCountsWhatThePolicyDid()
    {
        var chunks = new ConcurrentQueue<StaleStockChunk>();
        await using var host = await StartAsync(chunks, TimeSpan.FromDays(1));

        var report = await host.RunAsync<StaleStockOrchestrator, StaleStockReport>(new StaleStockRun(DryRun: false));

        (report.Checked, report.Relisted, report.Archived, report.Failed, report.DryRun).ShouldBe((6, 2, 1, 1, false));
        report.Actions.Count.ShouldBe(4);
        chunks.Select(c => (c.Platform, c.Skus.Count)).ShouldBe([(Platform.Shopify, 2), (Platform.Shopify, 1), (Platform.Ebay, 2), (Platform.Ebay, 1)], ignoreOrder: true);
        chunks.ShouldAllBe(c => !c.DryRun);
    }

    [Fact]
    public async Task DailyWorkflow_WaitsOnItsTimer_ContinuesAsNew_AndCarriesTheLastDryRunReport()
    {
        var chunks = new ConcurrentQueue<StaleStockChunk>();
        await using var host = await StartAsync(chunks, TimeSpan.FromSeconds(2));

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(StaleStockOrchestrator), new StaleStockRun(DryRun: true, Eternal: true),
            new Microsoft.DurableTask.StartOrchestrationOptions(StaleStockOrchestrator.InstanceId));
        StaleStockStatus? status = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (status is not { Generation: >= 2, Phase: "waiting" } && !timeout.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
            var instance = await host.Client.GetInstanceAsync(StaleStockOrchestrator.InstanceId, getInputsAndOutputs: true);
            status = instance?.SerializedCustomStatus is { } json ? JsonSerializer.Deserialize<StaleStockStatus>(json, JsonSerializerOptions.Web) : null;
        }

        status.ShouldNotBeNull();
        status.Generation.ShouldBeGreaterThanOrEqualTo(2);
        (status.Last!.DryRun, status.Last.WouldRelist, status.Last.WouldArchive).ShouldBe((true, 2, 1));
        chunks.ShouldAllBe(c => c.DryRun);
        await host.Client.TerminateInstanceAsync(StaleStockOrchestrator.InstanceId);
    }

    // eBay lists E1-E3 (E1 and E2 stale), Shopify S1-S3 (S1 stale, S3 fails); chunks of 2.
    private static Task<Microsoft.DurableTask.Testing.DurableTaskTestHost> StartAsync(ConcurrentQueue<StaleStockChunk> chunks, TimeSpan interval) =>
        OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<StaleStockOrchestrator>(sp)
            .AddActivityFunc<Platform, IReadOnlyList<string>>(nameof(ListImageCandidatesActivity), (_, platform) =>
                platform == Platform.Ebay ? ["E1", "E2", "E3"] : ["S1", "S2", "S3"])
            .AddActivityFunc<StaleStockChunk, IReadOnlyList<StaleStockAction>>(nameof(ApplyStalePolicyActivity), (_, chunk) =>
            {
                chunks.Enqueue(chunk);
                return [.. chunk.Skus.Select(sku => sku switch
                {
                    "E1" or "E2" => new StaleStockAction(sku, chunk.Platform, chunk.DryRun ? StaleStockOutcomes.WouldRelist : StaleStockOutcomes.Relisted, "listed 200 days", "1", "2"),
                    "S1" => new StaleStockAction(sku, chunk.Platform, chunk.DryRun ? StaleStockOutcomes.WouldArchive : StaleStockOutcomes.Archived, "out of stock", "g1", "g1"),
                    "S3" when !chunk.DryRun => new StaleStockAction(sku, chunk.Platform, StaleStockOutcomes.Failed, "out of stock", "g3", null, "HttpRequestException: down"),
                    _ => null,
                }).OfType<StaleStockAction>()];
            }),
            services => services
                .AddSingleton(new StaleStockOptions { ChunkSize = 2, Interval = interval })
                .AddSingleton(new StaleStockPlatforms([Platform.Ebay, Platform.Shopify])));
}
