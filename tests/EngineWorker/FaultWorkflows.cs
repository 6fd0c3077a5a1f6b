using Azure;
using Marketplace.Orchestrations.Engine;
using Marketplace.Shared.Storage.Tables;

namespace Marketplace.EngineWorker;

/// <summary>
/// The workload of the fault-injection test: sequences, a fan-out, a durable timer and a sub-orchestration, whose
/// activities record an idempotent side effect (one table row per idempotency key) and every execution attempt.
/// </summary>
public sealed class FaultWorkflows(TableClient sideEffects)
{
    /// <summary>What <see cref="CrashChain"/> returns when everything ran exactly as written.</summary>
    public const int ExpectedOutput = 2140;

    /// <summary>Side-effect rows of one parent instance (its own activities; the child has its own partition).</summary>
    public const int ParentActivities = 15;

    public const int ChildActivities = 2;

    public void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestratorFunc<int, int>(nameof(CrashChain), CrashChain)
            .AddOrchestratorFunc<int, int>(nameof(CrashChild), CrashChild)
            .AddActivityFunc<int, int>(nameof(Record), Record);
    }

    public static async Task<int> CrashChain(TaskOrchestrationContext context, int start)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sum = 0;
        for (var i = 0; i < 5; i++)
        {
            sum += await context.CallActivityAsync<int>(nameof(Record), i);
            context.SetCustomStatus(new { step = i });
        }

        var fanned = await Task.WhenAll(Enumerable.Range(100, 10).Select(i => context.CallActivityAsync<int>(nameof(Record), i)));
        sum += fanned.Sum();
        await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
        sum += await context.CallSubOrchestratorAsync<int>(nameof(CrashChild), 7);
        return sum;
    }

    public static async Task<int> CrashChild(TaskOrchestrationContext context, int value)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.CallActivityAsync<int>(nameof(Record), value) + await context.CallActivityAsync<int>(nameof(Record), value + 1);
    }

    /// <summary>Inserts the side-effect row once per idempotency key (a repeat finds it and does nothing) and logs the attempt.</summary>
    public async Task<int> Record(TaskActivityContext context, int value)
    {
        ArgumentNullException.ThrowIfNull(context);
        await sideEffects.AddEntityAsync(new TableEntity("attempt-" + context.InstanceId, Guid.NewGuid().ToString("N")) { ["Key"] = context.IdempotencyKey });
        try
        {
            await sideEffects.AddEntityAsync(new TableEntity(context.InstanceId, context.TaskId.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
            {
                ["Key"] = context.IdempotencyKey,
                ["Value"] = value,
            });
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already recorded by an earlier execution of this very call: the side effect is idempotent.
        }

        return value * 2;
    }
}
