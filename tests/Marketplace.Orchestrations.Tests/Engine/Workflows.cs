using System.Collections.Concurrent;
using Marketplace.Orchestrations.Engine;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>Orchestrators and activities the engine tests share (both backends).</summary>
internal sealed class Workflows
{
    public ConcurrentDictionary<string, int> Executions { get; } = new();

    public int FlakyFailuresLeft { get; set; }

    public void Register(DurableTaskRegistry registry)
    {
        registry
            .AddActivityFunc<string, string>(nameof(Hello), Hello)
            .AddActivityFunc<int, int>(nameof(Double), Double)
            .AddActivityFunc<string, string>(nameof(Echo), Echo)
            .AddActivityFunc<string, string>(nameof(Fail), Fail)
            .AddActivityFunc<int, int>(nameof(Flaky), Flaky)
            .AddActivityFunc<string, string>(nameof(Key), Key)
            .AddOrchestratorFunc<string[], string>(nameof(Sequence), Sequence)
            .AddOrchestratorFunc<int, int>(nameof(FanOut), FanOut)
            .AddOrchestratorFunc<int, int>(nameof(Parent), Parent)
            .AddOrchestratorFunc<int, int>(nameof(Child), Child)
            .AddOrchestratorFunc<string, string>(nameof(FailingChild), FailingChild)
            .AddOrchestratorFunc<string, string>(nameof(ParentOfFailingChild), ParentOfFailingChild)
            .AddOrchestratorFunc<int, string>(nameof(WaitTimer), WaitTimer)
            .AddOrchestratorFunc<int, string>(nameof(Approval), Approval)
            .AddOrchestratorFunc<int, int>(nameof(Retrying), Retrying)
            .AddOrchestratorFunc<int, int>(nameof(Counter), Counter)
            .AddOrchestratorFunc<string, string>(nameof(WaitForever), WaitForever)
            .AddOrchestratorFunc<string, string>(nameof(Echoing), Echoing);
    }

    public static async Task<string> Sequence(TaskOrchestrationContext context, string[]? names)
    {
        var parts = new List<string>();
        foreach (var name in names ?? [])
        {
            parts.Add(await context.CallActivityAsync<string>(nameof(Hello), name));
            context.SetCustomStatus(new { done = parts.Count });
        }

        return string.Join(" ", parts);
    }

    public static async Task<int> FanOut(TaskOrchestrationContext context, int count)
    {
        var tasks = Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>(nameof(Double), i));
        var results = await Task.WhenAll(tasks);
        return results.Sum();
    }

    public static async Task<int> Parent(TaskOrchestrationContext context, int n)
    {
        var a = context.CallSubOrchestratorAsync<int>(nameof(Child), n, new SubOrchestrationOptions(instanceId: context.InstanceId + "-child-a"));
        var b = context.CallSubOrchestratorAsync<int>(nameof(Child), n + 1);
        return await a + await b;
    }

    public static async Task<string> ParentOfFailingChild(TaskOrchestrationContext context, string? s)
    {
        try
        {
            return await context.CallSubOrchestratorAsync<string>(nameof(FailingChild), s);
        }
        catch (TaskFailedException ex)
        {
            return $"caught {ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}|{ex.FailureDetails.InnerFailure?.ErrorType}";
        }
    }

    public static async Task<string> WaitTimer(TaskOrchestrationContext context, int milliseconds)
    {
        var fireAt = context.CurrentUtcDateTime.AddMilliseconds(milliseconds);
        await context.CreateTimer(fireAt, CancellationToken.None);
        return context.CurrentUtcDateTime >= fireAt ? "fired on time" : "fired early";
    }

    public static async Task<string> Approval(TaskOrchestrationContext context, int timeoutMs)
    {
        context.SetCustomStatus("waiting");
        try
        {
            var answer = await context.WaitForExternalEvent<string>("Approval", TimeSpan.FromMilliseconds(timeoutMs));
            return "approved by " + answer;
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }

    public static async Task<int> Retrying(TaskOrchestrationContext context, int attempts)
    {
        var policy = new RetryPolicy(attempts, TimeSpan.FromMilliseconds(20), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMilliseconds(50))
        {
            HandleFailure = failure => failure.ErrorType == typeof(InvalidOperationException).FullName,
        };
        return await context.CallActivityAsync<int>(nameof(Flaky), 21, TaskOptions.FromRetryPolicy(policy));
    }

    public static async Task<int> Counter(TaskOrchestrationContext context, int value)
    {
        if (value >= 5)
        {
            return value;
        }

        var next = await context.CallActivityAsync<int>(nameof(Double), value);
        context.ContinueAsNew(next / 2 + 1);
        return -1;
    }

    public static Task<int> Child(TaskOrchestrationContext context, int n) => context.CallActivityAsync<int>(nameof(Double), n);

    public static Task<string> FailingChild(TaskOrchestrationContext context, string? s) => context.CallActivityAsync<string>(nameof(Fail), s);

    public static Task<string> WaitForever(TaskOrchestrationContext context, string? input) => context.WaitForExternalEvent<string>("never");

    public static Task<string> Echoing(TaskOrchestrationContext context, string? s) => context.CallActivityAsync<string>(nameof(Echo), s);

    public static string Echo(TaskActivityContext context, string? s) => s!;

    public static string Key(TaskActivityContext context, string? input) => context.IdempotencyKey;

    private string Hello(TaskActivityContext context, string? name)
    {
        Executions.AddOrUpdate(context.IdempotencyKey, 1, (_, n) => n + 1);
        return $"hello {name}";
    }

    private static int Double(TaskActivityContext context, int n) => n * 2;

    private static string Fail(TaskActivityContext context, string? message) => throw new FormatException("bad input: " + message);

    public int Flaky(TaskActivityContext context, int n)
    {
        Executions.AddOrUpdate(nameof(Flaky), 1, (_, c) => c + 1);
        lock (this)
        {
            if (FlakyFailuresLeft > 0)
            {
                FlakyFailuresLeft--;
                throw new InvalidOperationException("transient");
            }
        }

        return n * 2;
    }
}
