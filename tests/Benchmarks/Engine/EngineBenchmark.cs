using System.Diagnostics;
using DurableTask.AzureStorage;
using Marketplace.Orchestrations.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Benchmarks.Engine;

/// <summary>
/// The standalone Durable runtime (DTFx on Azure Storage through the SDK shims) on a fresh task hub of the shared
/// Azurite, run twice in one process: with DTFx's default settings (metrics suffixed <c>_default</c>) and with the
/// project's settings (extended sessions, 100 ms polling, one partition as locally).
/// </summary>
internal abstract class EngineBenchmark : IBenchmarkScenario
{
    public abstract string Name { get; }

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        foreach (var projectSettings in new[] { false, true })
        {
            await RunOnceAsync(context, projectSettings ? string.Empty : "_default", projectSettings, cancellationToken);
        }
    }

    /// <summary>Runs the workload; returns how many activities ran.</summary>
    protected abstract Task<int> MeasureAsync(DurableTaskClient client, CancellationToken cancellationToken);

    protected virtual void Report(BenchmarkContext context, string suffix, TimeSpan elapsed, int activities) =>
        context.Report(Name, "activities_per_s" + suffix, activities / elapsed.TotalSeconds, "activities/s");

    protected static async Task<OrchestrationMetadata> RunToEndAsync(DurableTaskClient client, string name, object input, CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, cancellationToken);
        var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
        return result.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? result
            : throw new InvalidOperationException($"Instance {id} ended {result.RuntimeStatus}: {result.FailureDetails}");
    }

    private async Task RunOnceAsync(BenchmarkContext context, string suffix, bool projectSettings, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        var hub = "bench" + Guid.NewGuid().ToString("N")[..10];
        var settings = projectSettings
            ? DurableOrchestrationServiceFactory.CreateSettings(azurite.Account, new DurableTaskStandaloneOptions { TaskHub = hub, WorkerId = "bench", PartitionCount = 1 }, NullLoggerFactory.Instance)
            : DurableOrchestrationServiceFactory.CreateDefaultSettings(azurite.Account, hub, "bench", NullLoggerFactory.Instance);
        using var service = new AzureStorageOrchestrationService(settings);
        await using var services = new ServiceCollection().BuildServiceProvider();
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>(nameof(Increment), Increment)
            .AddOrchestratorFunc<int, int>(nameof(Chain), Chain)
            .AddOrchestratorFunc<int, int>(nameof(FanOut), FanOut);
        using var worker = DurableTaskHubWorkerFactory.Create(service, registry, services, NullLoggerFactory.Instance);
        await service.CreateIfNotExistsAsync();
        await worker.StartAsync();
        try
        {
            var client = new StandaloneDurableTaskClient(service, hub, TimeProvider.System);
            using var sampler = BenchmarkContext.SampleWorkingSet();
            var clock = Stopwatch.StartNew();
            var activities = await MeasureAsync(client, cancellationToken);
            clock.Stop();
            Report(context, suffix, clock.Elapsed, activities);
            context.Report(Name, "peak_working_set_mib" + suffix, sampler.PeakMib, "MiB");
        }
        finally
        {
            await worker.StopAsync(isForced: true);
        }
    }

    private static int Increment(TaskActivityContext context, int value) => value + 1;

    private static async Task<int> Chain(TaskOrchestrationContext context, int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(Increment), value);
        }

        return value;
    }

    private static async Task<int> FanOut(TaskOrchestrationContext context, int count)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>(nameof(Increment), i)));
        return results.Length;
    }
}

/// <summary><c>engine.sequential</c>: one instance calling 100 activities one after another.</summary>
internal sealed class SequentialEngineBenchmark : EngineBenchmark
{
    public override string Name => "engine.sequential";

    protected override async Task<int> MeasureAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var result = await RunToEndAsync(client, "Chain", 100, cancellationToken);
        return result.ReadOutputAs<int>() == 100 ? 100 : throw new InvalidOperationException("Wrong chain result.");
    }
}

/// <summary><c>engine.fanout</c>: one instance fanning out to 1,000 activities and in again.</summary>
internal sealed class FanOutEngineBenchmark : EngineBenchmark
{
    public override string Name => "engine.fanout";

    protected override async Task<int> MeasureAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var result = await RunToEndAsync(client, "FanOut", 1000, cancellationToken);
        return result.ReadOutputAs<int>() == 1000 ? 1000 : throw new InvalidOperationException("Wrong fan-out result.");
    }

    protected override void Report(BenchmarkContext context, string suffix, TimeSpan elapsed, int activities)
    {
        context.Report(Name, "seconds" + suffix, elapsed.TotalSeconds, "s");
        base.Report(context, suffix, elapsed, activities);
    }
}
