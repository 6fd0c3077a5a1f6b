using System.Collections.Concurrent;
using Marketplace.DurableWorker;
using Marketplace.Orchestrations.Hosting;
using Marketplace.TestSupport;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Marketplace.Orchestrations.Tests.Hosting;

/// <summary>
/// Worker processes on one task hub are SIGKILLed at random moments and right after applying an effect, and
/// restarted, at least 50 times while instances run. Every instance must complete with the right output and every
/// effect key must have moved its counter exactly once.
/// </summary>
/// <remarks>
/// A worker lives 2-6 s after it is ready: it takes a couple of seconds to get the app lease and its partitions, and
/// with shorter lives (0.5-2.5 s) no activity ran before the steady workers came, so the kills tested nothing. The test
/// checks that effects were applied while workers were being killed.
/// The control queue's visibility timeout is short so that what a killed worker held comes back soon, and twice the
/// Durable Task Framework's 10 s back-off after a failed work item (see
/// <see cref="DurableTaskStandaloneOptions.MinControlQueueVisibilityTimeout"/>): with 5 s the instances stopped on a
/// busy machine.
/// </remarks>
[Trait("Category", "Integration")]
public sealed class WorkerCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Slots = 3;
    private const int Partitions = 2;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(20);
    private static readonly int RequiredKills = int.TryParse(Environment.GetEnvironmentVariable("DURABLE_CRASH_KILLS"), out var kills) ? kills : 50;

    [Fact]
    public async Task KilledWorkers_LoseNoInstance_AndApplyEveryEffectExactlyOnce()
    {
        var hub = DurableTestHost.NewTaskHub();
        var table = AzuriteFixture.UniqueName("effects");
        await using var services = new ServiceCollection().AddLogging()
            .AddDurableTaskStandaloneClient(azurite.Account, o =>
            {
                o.TaskHub = hub;
                o.PartitionCount = Partitions;
            })
            .BuildServiceProvider();
        var client = services.GetRequiredService<DurableTaskClient>();
        var instances = new ConcurrentQueue<string>();
        var killCount = 0;
        var crashPointKills = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(7));

        async Task RunSlotAsync(int slot)
        {
            while (Volatile.Read(ref killCount) < RequiredKills)
            {
                using var worker = await StartWorkerAsync(hub, table, "w" + slot, crashProbability: 0.05, stop.Token);
                var lifetime = Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2000, 6000)), stop.Token);
                if (await Task.WhenAny(worker.CrashPoint, lifetime) == worker.CrashPoint)
                {
                    Interlocked.Increment(ref crashPointKills);
                }

                worker.Kill();
                Interlocked.Increment(ref killCount);
            }
        }

        async Task ScheduleAsync()
        {
            while (Volatile.Read(ref killCount) < RequiredKills)
            {
                if (instances.Count < 8 + (Volatile.Read(ref killCount) / 4))
                {
                    var key = $"k{instances.Count:D3}";
                    await client.ScheduleNewOrchestrationInstanceAsync(nameof(FaultChainOrchestrator), new FaultInput(key, 0), new StartOrchestrationOptions(key), stop.Token);
                    instances.Enqueue(key);
                }

                await Task.Delay(200, stop.Token);
            }
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll([ScheduleAsync(), .. Enumerable.Range(0, Slots).Select(RunSlotAsync)]);
        var ledger = new EffectLedger(azurite.Account.CreateTableServiceClient().GetTableClient(table));
        var attemptsDuringKills = 0;
        foreach (var key in instances)
        {
            attemptsDuringKills += (await ledger.ReadAsync(key, stop.Token)).Attempts;
        }

        output.WriteLine($"kill phase: {clock.Elapsed}; activity attempts so far: {attemptsDuringKills}");
        attemptsDuringKills.ShouldBeGreaterThan(0, "no activity ran while workers were being killed");

        // Enough kills: two steady workers finish what is left (what the last killed workers held reappears after
        // the visibility timeout, their leases after the lease interval).
        using var drain = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        using var first = await StartWorkerAsync(hub, table, "w0", crashProbability: 0, drain.Token);
        using var second = await StartWorkerAsync(hub, table, "w1", crashProbability: 0, drain.Token);
        await WaitForAllAsync(client, hub, [.. instances], clock, drain.Token);
        output.WriteLine($"all completed: {clock.Elapsed}");
        foreach (var key in instances)
        {
            var result = await client.WaitForInstanceCompletionAsync(key, getInputsAndOutputs: true, drain.Token);
            result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"{key}: {result.FailureDetails}");
            result.ReadOutputAs<int>().ShouldBe(FaultWorkflows.ExpectedOutput);
        }

        var attempts = 0;
        foreach (var key in instances)
        {
            var summary = await ledger.ReadAsync(key);
            summary.Effects.Select(e => e.Key).Order().ShouldBe(ExpectedEffectKeys().Order(), $"effects of {key}");
            summary.CounterCount.ShouldBe(FaultWorkflows.EffectsPerInstance, $"applications counted for {key}");
            summary.CounterSum.ShouldBe(FaultWorkflows.ExpectedOutput, $"applied values of {key}");
            attempts += summary.Attempts;
        }

        output.WriteLine($"kills: {killCount} ({crashPointKills} right after an effect); instances: {instances.Count}; " +
            $"effects: {instances.Count * FaultWorkflows.EffectsPerInstance}; activity attempts: {attempts}");
        killCount.ShouldBeGreaterThanOrEqualTo(RequiredKills);
    }

    // Polls the set (one status read per instance every 2 s) and, if time runs out, says where the stragglers are.
    private async Task WaitForAllAsync(DurableTaskClient client, string hub, IReadOnlyList<string> keys, System.Diagnostics.Stopwatch clock, CancellationToken cancellationToken)
    {
        IReadOnlyList<OrchestrationMetadata?> states = [];
        try
        {
            while (true)
            {
                states = await Task.WhenAll(keys.Select(k => client.GetInstanceAsync(k, getInputsAndOutputs: true, cancellationToken)));
                if (states.All(x => x?.IsCompleted == true))
                {
                    return;
                }

                await Task.Delay(2000, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            output.WriteLine($"{clock.Elapsed}: " + string.Join(", ", states.GroupBy(x => x?.RuntimeStatus).Select(g => $"{g.Key}={g.Count()}")));
            foreach (var state in states.Where(x => x?.IsCompleted != true).Take(5))
            {
                output.WriteLine($"  {state?.InstanceId} {state?.RuntimeStatus} {state?.SerializedCustomStatus}");
            }

            var stuck = keys.Zip(states).Where(x => x.Second?.IsCompleted != true).Select(x => x.First).Take(2).ToList();
            output.WriteLine(await TaskHubDump.DescribeAsync(azurite.Account, hub,
                [.. stuck, .. stuck.SelectMany(id => new[] { id + "-child-g0", id + "-child-g1" })], maxInstances: 6));

            throw;
        }
    }

    private static IEnumerable<string> ExpectedEffectKeys() =>
        from generation in new[] { "g0", "g1" }
        from effect in Enumerable.Range(0, 5).Select(i => $"seq-{i}")
            .Concat(Enumerable.Range(0, 10).Select(i => $"fan-{i}"))
            .Concat(Enumerable.Range(0, 2).Select(i => $"child-{i}"))
        select $"{generation}-{effect}";

    private Task<DurableWorkerProcess> StartWorkerAsync(string hub, string table, string name, double crashProbability, CancellationToken cancellationToken) =>
        DurableWorkerProcess.StartAsync(WorkerModes.Fault, name, azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Durable__TaskHub"] = hub,
            ["Durable__WorkerId"] = name,
            ["Durable__PartitionCount"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Durable__ControlQueueVisibilityTimeout"] = VisibilityTimeout.ToString(),
            ["Durable__WorkItemQueueVisibilityTimeout"] = VisibilityTimeout.ToString(),
            ["Durable__LeaseInterval"] = "00:00:06",
            ["FaultTest__EffectsTable"] = table,
            ["FaultTest__CrashAfterEffectProbability"] = crashProbability.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
}
