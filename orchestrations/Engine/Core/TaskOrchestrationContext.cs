using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// What orchestrator code uses to do anything that is not pure computation. Orchestrators are replayed
/// from history after every step, so their code must be deterministic: take time from
/// <see cref="CurrentUtcDateTime"/>, GUIDs from <see cref="NewGuid"/>, do I/O only in activities, and await
/// only the tasks this context returns (plus <see cref="Task.WhenAll(Task[])"/>/<see cref="Task.WhenAny(Task[])"/>
/// over them); never <c>ConfigureAwait(false)</c>, <c>Task.Run</c> or <c>Task.Delay</c>. The code runs on a
/// single-threaded scheduler owned by the engine.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator name.</summary>
    public abstract string Name { get; }

    /// <summary>This instance's id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The parent instance when this is a sub-orchestration, else null.</summary>
    public abstract string? ParentInstanceId { get; }

    /// <summary>The deterministic current time: when the current step started, identical on replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes steps already in history (use it to avoid duplicate logs).</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The orchestration input.</summary>
    public abstract T? GetInput<T>();

    /// <summary>
    /// Schedules activity <paramref name="name"/> (at least once) and returns its result. Failures surface as
    /// <see cref="TaskFailedException"/> after the retries in <paramref name="options"/>.
    /// </summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>As <see cref="CallActivityAsync{TResult}"/> without a result.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts orchestrator <paramref name="name"/> as a child instance and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>As <see cref="CallSubOrchestratorAsync{TResult}"/> without a result.</summary>
    public Task CallSubOrchestratorAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(name, input, options);

    /// <summary>
    /// A durable timer that completes at <paramref name="fireAt"/> (UTC), surviving restarts. Cancelling the token
    /// completes the returned task as cancelled (the timer message still arrives later and is ignored).
    /// </summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/> from <see cref="CurrentUtcDateTime"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>
    /// Waits for the external event <paramref name="eventName"/> (case-insensitive, first-in first-out).
    /// With a finite <paramref name="timeout"/> a durable timer races the event; if it wins, a
    /// <see cref="TaskCanceledException"/> is thrown.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);

    /// <summary>Waits for the external event <paramref name="eventName"/> without a timeout.</summary>
    public Task<T> WaitForExternalEvent<T>(string eventName) => WaitForExternalEvent<T>(eventName, Timeout.InfiniteTimeSpan);

    /// <summary>Sends event <paramref name="eventName"/> to another instance (fire and forget).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? eventData);

    /// <summary>Sets the custom status (for progress); saved with the step, visible to clients.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Restarts this instance with a fresh history and <paramref name="newInput"/> once the orchestrator returns
    /// (its return value is then ignored). Unconsumed external events are carried over when
    /// <paramref name="preserveUnprocessedEvents"/> is true.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true);

    /// <summary>A deterministic name-based (version 5) GUID, identical on replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes only when <see cref="IsReplaying"/> is false.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>As <see cref="CreateReplaySafeLogger(string)"/> with the type's name as category.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
