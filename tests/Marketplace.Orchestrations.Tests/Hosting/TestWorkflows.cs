using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Tests.Hosting;

public sealed record OrderInput(string OrderId, int Quantity);

public sealed record CounterState(int Generation, int Total);

public sealed record Approval(string By, bool Approved);

internal sealed class DoubleActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * 2);
}

internal sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var results = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(DoubleActivity), i)));
        return results.Sum();
    }
}

internal sealed class CounterOrchestrator : TaskOrchestrator<CounterState, CounterState>
{
    public override async Task<CounterState> RunAsync(TaskOrchestrationContext context, CounterState input)
    {
        var doubled = await context.CallActivityAsync<int>(nameof(DoubleActivity), input.Generation);
        var next = new CounterState(input.Generation + 1, input.Total + doubled);
        if (next.Generation < 5)
        {
            context.ContinueAsNew(next);
        }

        return next;
    }
}

internal sealed class ParentOrchestrator : TaskOrchestrator<int, int[]>
{
    public override async Task<int[]> RunAsync(TaskOrchestrationContext context, int input) =>
        await Task.WhenAll(Enumerable.Range(1, input).Select(i =>
            context.CallSubOrchestratorAsync<int>(nameof(FanOutOrchestrator), i, new SubOrchestrationOptions(retry: null, instanceId: context.InstanceId + "-child-" + i))));
}

internal sealed class TimerOrchestrator : TaskOrchestrator<int, double>
{
    public override async Task<double> RunAsync(TaskOrchestrationContext context, int seconds)
    {
        var start = context.CurrentUtcDateTime;
        await context.CreateTimer(start.AddSeconds(seconds), CancellationToken.None);
        return (context.CurrentUtcDateTime - start).TotalSeconds;
    }
}

internal sealed class ApprovalOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus(new { waitingFor = input });
        var approval = await context.WaitForExternalEvent<Approval>("Approve");
        return approval.Approved ? $"{input} approved by {approval.By}" : $"{input} rejected by {approval.By}";
    }
}

internal sealed class FailingActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => throw new InvalidOperationException("boom: " + input);
}

internal sealed class CatchingOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            await context.CallActivityAsync<string>(nameof(FailingActivity), input);
            return "no failure";
        }
        catch (TaskFailedException ex) when (ex.FailureDetails.IsCausedBy<InvalidOperationException>())
        {
            return $"{ex.TaskName}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}";
        }
    }
}

internal sealed class UncaughtFailureOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(FailingActivity), input);
}

/// <summary>Fails the first two attempts of each key.</summary>
internal sealed class FlakyActivity(AttemptLog attempts) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string input)
    {
        var attempt = attempts.Record(input);
        return attempt < 3 ? throw new TimeoutException($"attempt {attempt} failed") : Task.FromResult(attempt);
    }
}

internal sealed class RetryOrchestrator : TaskOrchestrator<string, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<int>(nameof(FlakyActivity), input, TaskOptions.FromRetryPolicy(new RetryPolicy(4, TimeSpan.FromSeconds(1))));
}

internal sealed class WaitForeverOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        await context.WaitForExternalEvent<string>("Go");
}

internal sealed class OrderOrchestrator : TaskOrchestrator<OrderInput, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, OrderInput input) =>
        Task.FromResult($"{input.OrderId}x{input.Quantity}");
}

internal sealed class ScopeProbeOrchestrator : TaskOrchestrator<int, Guid[]>
{
    public override async Task<Guid[]> RunAsync(TaskOrchestrationContext context, int input)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < input; i++)
        {
            ids.Add(await context.CallActivityAsync<Guid>(nameof(ScopeProbeActivity), i));
        }

        ids.AddRange(await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<Guid>(nameof(ScopeProbeActivity), i))));
        return [.. ids];
    }
}

internal sealed class ScopeProbeActivity(ScopedProbe probe, ScopedProbe sameScope) : TaskActivity<int, Guid>
{
    public override Task<Guid> RunAsync(TaskActivityContext context, int input) =>
        probe.Id == sameScope.Id ? Task.FromResult(probe.Id) : throw new InvalidOperationException("Two instances of a scoped service in one call.");
}

/// <summary>A scoped service that logs its disposal.</summary>
internal sealed class ScopedProbe(AttemptLog log) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => log.Disposed.Add(Id);
}

/// <summary>Which worker ran an activity.</summary>
internal sealed class WhoAmIActivity(WorkerName worker) : TaskActivity<int, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, int input)
    {
        await Task.Delay(50);
        return worker.Name;
    }
}

internal sealed class WhoRanOrchestrator : TaskOrchestrator<int, string[]>
{
    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, int input) =>
        await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<string>(nameof(WhoAmIActivity), i)));
}

internal sealed record WorkerName(string Name);

/// <summary>Process-wide test bookkeeping (attempts per key, disposed scopes).</summary>
internal sealed class AttemptLog
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public ConcurrentBag<Guid> Disposed { get; } = [];

    public int Record(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
}

internal sealed class SleepActivity : TaskActivity<int, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        await Task.Delay(200);
        return input + 1;
    }
}

/// <summary>A slow sequence: <c>input</c> activities of 200 ms each, one after another.</summary>
internal sealed class SlowChainOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var value = 0;
        for (var i = 0; i < input; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(SleepActivity), value);
        }

        return value;
    }
}
