using System.Diagnostics;
using Marketplace.Orchestrations.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Benchmarks.Engine;

/// <summary>Shared set-up: one standalone worker (DTFx, project settings) on a fresh task hub on the shared Azurite, with trivial activities.</summary>
internal abstract class EngineBenchmark : IBenchmarkScenario
{
    public abstract string Name { get; }

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddDurableTaskStandalone(azurite.Account, o =>
        {
            o.TaskHub = "bench" + Guid.NewGuid().ToString("N")[..10];
            o.WorkerId = "bench";
            o.PartitionCount = 1;
        }, registry => registry
            .AddActivityFunc<int, int>(nameof(Increment), Increment)
            .AddOrchestratorFunc<int, int>(nameof(Chain), Chain)
            .AddOrchestratorFunc<int, int>(nameof(FanOut), FanOut));
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetServices<IHostedService>().ToList();
        foreach (var hosted in worker)
        {
            await hosted.StartAsync(cancellationToken);
        }

        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            using var sampler = BenchmarkContext.SampleWorkingSet();
            var clock = Stopwatch.StartNew();
            var activities = await MeasureAsync(client, cancellationToken);
            clock.Stop();
            Report(context, clock.Elapsed, activities);
            context.Report(Name, "peak_working_set_mib", sampler.PeakMib, "MiB");
        }
        finally
        {
            foreach (var hosted in worker)
            {
                await hosted.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Runs the workload; returns how many activities ran.</summary>
    protected abstract Task<int> MeasureAsync(DurableTaskClient client, CancellationToken cancellationToken);

    protected virtual void Report(BenchmarkContext context, TimeSpan elapsed, int activities) =>
        context.Report(Name, "activities_per_s", activities / elapsed.TotalSeconds, "activities/s");

    protected static async Task<OrchestrationMetadata> RunToEndAsync(DurableTaskClient client, string name, object input, CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, cancellationToken);
        var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
        return result.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? result
            : throw new InvalidOperationException($"Instance {id} ended {result.RuntimeStatus}: {result.FailureDetails}");
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

    protected override void Report(BenchmarkContext context, TimeSpan elapsed, int activities)
    {
        context.Report(Name, "seconds", elapsed.TotalSeconds, "s");
        base.Report(context, elapsed, activities);
    }
}

/// <summary><c>engine.concurrent</c>: 100 instances of 10 sequential activities each, at once.</summary>
internal sealed class ConcurrentEngineBenchmark : EngineBenchmark
{
    public override string Name => "engine.concurrent";

    protected override async Task<int> MeasureAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8] + "-";
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            client.ScheduleNewOrchestrationInstanceAsync("Chain", 10, new StartOrchestrationOptions(prefix + i), cancellationToken)));

        // One query per poll rather than 100 status reads: the client should not compete with the engine for Azurite.
        var done = new OrchestrationQuery
        {
            InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed], PageSize = 1000, FetchInputsAndOutputs = true,
        };
        while (true)
        {
            var finished = await client.GetAllInstancesAsync(done).ToListAsync(cancellationToken);
            if (finished.Count == 100)
            {
                return finished.All(r => r.ReadOutputAs<int>() == 10) ? 1000 : throw new InvalidOperationException("Wrong chain result.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
