namespace Marketplace.Orchestrations.Engine;

/// <summary>Options for one activity or sub-orchestrator call; null means a single attempt.</summary>
public class TaskOptions
{
    public TaskOptions(TaskRetryOptions? retry = null) => Retry = retry;

    /// <summary>Retry behaviour; retries wait on durable timers, so a worker restart does not lose them.</summary>
    public TaskRetryOptions? Retry { get; init; }

    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
}

/// <summary>Options for a sub-orchestrator call: retry and the child's instance id.</summary>
public sealed class SubOrchestrationOptions : TaskOptions
{
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry) => InstanceId = instanceId;

    /// <summary>
    /// The child's instance id. Default: <c>{parentInstanceId}:{taskId:X4}</c>, deterministic across replays.
    /// A caller-chosen id must be unique and deterministic as well.
    /// </summary>
    public string? InstanceId { get; init; }
}

/// <summary>Options for <c>ScheduleNewOrchestrationInstanceAsync</c>.</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);

/// <summary>Retry settings for a task: wraps a <see cref="RetryPolicy"/>.</summary>
public sealed class TaskRetryOptions
{
    public TaskRetryOptions(RetryPolicy policy) => Policy = policy ?? throw new ArgumentNullException(nameof(policy));

    public RetryPolicy Policy { get; }

    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);

    /// <summary>Equivalent to the implicit conversion.</summary>
    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>
/// Declarative retry policy, as in Durable Functions: attempt <c>n</c> (1-based) that fails waits
/// <c>min(FirstRetryInterval * BackoffCoefficient^(n-1), MaxRetryInterval)</c> on a durable timer and tries
/// again, until <see cref="MaxNumberOfAttempts"/> attempts have failed, <see cref="RetryTimeout"/> has passed
/// since the first attempt, or <see cref="HandleFailure"/> returns false. The last failure is then thrown.
/// </summary>
public sealed class RetryPolicy
{
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    public int MaxNumberOfAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    /// <summary>Upper bound of one wait; default one hour.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Overall limit since the first attempt; default infinite.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides whether a failure is retried; default: every failure is.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan GetDelay(int attempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
