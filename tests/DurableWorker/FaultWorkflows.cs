using Azure.Data.Tables;
using Marketplace.Orchestrations.Hosting;
using Marketplace.Shared.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.DurableWorker;

/// <summary>The input of a fault-test instance: its business key and its ContinueAsNew generation.</summary>
public sealed record FaultInput(string Key, int Generation);

/// <summary>One effect to apply: the business key, the effect's own key, its value.</summary>
public sealed record EffectInput(string Key, string EffectKey, int Value);

/// <summary>Settings of the fault mode (section <c>FaultTest</c>).</summary>
public sealed class FaultSettings
{
    /// <summary>The table of effects and attempts.</summary>
    public string EffectsTable { get; set; } = "faulteffects";

    /// <summary>Chance that the worker stops dead right after applying an effect, before the activity completes.</summary>
    public double CrashAfterEffectProbability { get; set; }
}

/// <summary>
/// The fault-test workload: per generation five sequential effects, a fan-out of ten, a durable timer and a
/// sub-orchestration of two; two generations via ContinueAsNew.
/// </summary>
public static class FaultWorkflows
{
    /// <summary>Effects each instance applies (17 per generation, two generations).</summary>
    public const int EffectsPerInstance = 34;

    /// <summary>The instance's output, and also the sum of all its effects' values.</summary>
    public const int ExpectedOutput = 2140;

    /// <summary>Printed (then the worker hangs) when a crash point is reached.</summary>
    public const string CrashPointLine = "CRASHPOINT after-effect";

    public static void Register(HostApplicationBuilder builder, StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection("FaultTest").Get<FaultSettings>() ?? new FaultSettings();
        var table = account.CreateTableServiceClient().GetTableClient(settings.EffectsTable);
        table.CreateIfNotExists();
        builder.Services.AddSingleton(settings).AddSingleton(new EffectLedger(table));
        builder.Services.AddDurableTasks(registry => registry
            .AddOrchestrator<FaultChainOrchestrator>()
            .AddOrchestrator<FaultChildOrchestrator>()
            .AddActivity<ApplyEffectActivity>());
    }
}

public sealed class FaultChainOrchestrator : TaskOrchestrator<FaultInput, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, FaultInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var generation = "g" + input.Generation;
        var sum = 0;
        for (var i = 0; i < 5; i++)
        {
            sum += await context.CallActivityAsync<int>(nameof(ApplyEffectActivity), new EffectInput(input.Key, $"{generation}-seq-{i}", i));
            context.SetCustomStatus(new { input.Generation, step = i });
        }

        var fanned = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            context.CallActivityAsync<int>(nameof(ApplyEffectActivity), new EffectInput(input.Key, $"{generation}-fan-{i}", 100 + i))));
        sum += fanned.Sum();
        await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
        sum += await context.CallSubOrchestratorAsync<int>(nameof(FaultChildOrchestrator), input,
            new SubOrchestrationOptions(retry: null, instanceId: $"{context.InstanceId}-child-{generation}"));
        if (input.Generation == 0)
        {
            context.ContinueAsNew(input with { Generation = 1 });
        }

        return sum;
    }
}

public sealed class FaultChildOrchestrator : TaskOrchestrator<FaultInput, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, FaultInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var generation = "g" + input.Generation;
        return await context.CallActivityAsync<int>(nameof(ApplyEffectActivity), new EffectInput(input.Key, $"{generation}-child-0", 7))
            + await context.CallActivityAsync<int>(nameof(ApplyEffectActivity), new EffectInput(input.Key, $"{generation}-child-1", 8));
    }
}

/// <summary>Applies one effect idempotently; may stop dead right after it (crash point) to test redelivery.</summary>
public sealed class ApplyEffectActivity(EffectLedger ledger, FaultSettings settings) : TaskActivity<EffectInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, EffectInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await ledger.RecordAttemptAsync(input.Key, input.EffectKey);
        await ledger.ApplyOnceAsync(input.Key, input.EffectKey, input.Value);
        if (Random.Shared.NextDouble() < settings.CrashAfterEffectProbability)
        {
            Console.WriteLine(FaultWorkflows.CrashPointLine);
            await Task.Delay(Timeout.Infinite);
        }

        return input.Value * 2;
    }
}
