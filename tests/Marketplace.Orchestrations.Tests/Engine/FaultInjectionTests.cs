using Marketplace.EngineWorker;
using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.Shared.Storage.Tables;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>
/// Two worker processes share a task hub; whenever one reaches a crash point (after a history commit before its
/// sends, after sends before deleting the consumed messages, inside an activity) the test kills it with SIGKILL
/// and restarts it, at least 50 times. Every orchestration must still complete with the right output, and each
/// activity's side effect must exist exactly once per task id.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FaultInjectionTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly int RequiredKills = int.TryParse(Environment.GetEnvironmentVariable("ENGINE_FAULT_KILLS"), out var kills) ? kills : 50;

    [Fact]
    public async Task KilledWorkers_AtRandomCrashPoints_LoseNothingAndDuplicateNoSideEffect()
    {
        var hub = AzuriteFixture.UniqueName("crash");
        var sideEffectsTable = AzuriteFixture.UniqueName("effects");
        var service = new AzureStorageOrchestrationService(azurite.Account, AzureStorageEngineTests.TestOptions(hub));
        await service.CreateIfNotExistsAsync();
        var client = new DurableTaskClient(service);
        var workers = new Dictionary<string, WorkerProcess>
        {
            ["A"] = await StartAsync(hub, "A", sideEffectsTable, crash: true),
            ["B"] = await StartAsync(hub, "B", sideEffectsTable, crash: true),
        };
        var kills = new Dictionary<string, int>();
        var instances = new List<string>();
        try
        {
            using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            while (kills.Values.Sum() < RequiredKills)
            {
                while (instances.Count < 4 + (kills.Values.Sum() / 3))
                {
                    instances.Add(await client.ScheduleNewOrchestrationInstanceAsync(nameof(FaultWorkflows.CrashChain), 0, null, hang.Token));
                }

                var crashed = await Task.WhenAny(workers.Values.Select(w => w.CrashPoint)).WaitAsync(hang.Token);
                var victim = workers.Values.First(w => w.CrashPoint == crashed);
                victim.Kill();
                victim.Dispose();
                var point = await crashed;
                kills[point] = kills.GetValueOrDefault(point) + 1;
                workers[victim.WorkerId] = await StartAsync(hub, victim.WorkerId, sideEffectsTable, crash: true);
            }

            // Enough crashes: let fresh workers (same ids, no crash points) finish everything.
            foreach (var id in workers.Keys.ToList())
            {
                workers[id].Dispose();
                workers[id] = await StartAsync(hub, id, sideEffectsTable, crash: false);
            }

            output.WriteLine($"kills: {string.Join(", ", kills.Select(k => $"{k.Key}={k.Value}"))}; instances: {instances.Count}");
            using var finish = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            foreach (var id in instances)
            {
                OrchestrationMetadata result;
                try
                {
                    result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, finish.Token);
                }
                catch (OperationCanceledException)
                {
                    await DescribeStuckAsync(client, instances);
                    throw;
                }

                result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"instance {id}: {result.FailureDetails}");
                result.ReadOutputAs<int>().ShouldBe(FaultWorkflows.ExpectedOutput);
            }
        }
        finally
        {
            foreach (var worker in workers.Values)
            {
                worker.Dispose();
            }
        }

        kills.Keys.Order().ShouldBe(["after-commit", "after-send", "in-activity"]);
        await VerifySideEffectsAsync(sideEffectsTable, instances);
    }

    private async Task DescribeStuckAsync(DurableTaskClient client, List<string> instances)
    {
        foreach (var id in instances)
        {
            var instance = await client.GetInstanceAsync(id);
            if (instance?.IsCompleted != true)
            {
                var child = await client.GetInstanceAsync(id + ":0010");
                output.WriteLine($"stuck {id}: {instance?.RuntimeStatus} {instance?.SerializedCustomStatus}; child {child?.RuntimeStatus}");
            }
        }
    }

    private async Task VerifySideEffectsAsync(string table, List<string> instances)
    {
        var sideEffects = new TableServiceClient(azurite.Account).GetTableClient(table);
        var rows = new List<TableEntity>();
        await foreach (var row in sideEffects.QueryAsync())
        {
            rows.Add(row);
        }

        var effects = rows.Where(r => !r.PartitionKey.StartsWith("attempt-", StringComparison.Ordinal)).ToList();
        var attempts = rows.Count - effects.Count;
        output.WriteLine($"side effects: {effects.Count}; activity executions: {attempts}");
        foreach (var id in instances)
        {
            var parent = effects.Where(r => r.PartitionKey == id).ToList();
            parent.Select(r => r.GetString("Key")).ShouldBe(Enumerable.Range(0, FaultWorkflows.ParentActivities).Select(t => $"{id}:{t}"), ignoreOrder: true);
            parent.Sum(r => r.GetInt32("Value")).ShouldBe(Enumerable.Range(0, 5).Sum() + Enumerable.Range(100, 10).Sum());
            effects.Count(r => r.PartitionKey == $"{id}:0010").ShouldBe(FaultWorkflows.ChildActivities);
        }

        effects.Count.ShouldBe(instances.Count * (FaultWorkflows.ParentActivities + FaultWorkflows.ChildActivities));
        attempts.ShouldBeGreaterThanOrEqualTo(effects.Count);
    }

    private Task<WorkerProcess> StartAsync(string hub, string workerId, string table, bool crash) =>
        WorkerProcess.StartAsync(azurite.ConnectionString, hub, workerId, table, crash ? "after-commit=0.4,after-send=0.2,in-activity=0.06" : null);
}
