using Azure;

namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// Starts, signals, inspects, queries, terminates and purges orchestration instances. Thread-safe.
/// Scheduling with a caller-chosen instance id is idempotent: while that instance is Pending or Running the
/// call returns the id without starting a second run; a finished instance with that id is replaced.
/// </summary>
public sealed class DurableTaskClient
{
    private readonly IOrchestrationServiceClient _service;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;

    public DurableTaskClient(IOrchestrationServiceClient service, DataConverter? converter = null, TimeProvider? timeProvider = null)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _converter = converter ?? DataConverter.Default;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Schedules orchestrator <paramref name="orchestratorName"/>; returns the instance id (a new GUID unless given).</summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var executionId = Guid.NewGuid().ToString("N");
        var now = _time.GetUtcNow().UtcDateTime;
        var message = new TaskMessage
        {
            InstanceId = instanceId,
            ExecutionId = executionId,
            MessageId = $"{instanceId}:{executionId}:start",
            DeliverAt = options?.StartAt?.UtcDateTime,
            Event = new HistoryEvent
            {
                Type = EventType.ExecutionStarted,
                Name = orchestratorName,
                Input = _converter.Serialize(input),
                ExecutionId = executionId,
                Timestamp = now,
            },
        };
        var state = await _service.CreateInstanceAsync(message, cancellationToken);
        return state.InstanceId;
    }

    /// <summary>Sends external event <paramref name="eventName"/> to an instance (queued if it is not waiting yet).</summary>
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var id = Guid.NewGuid().ToString("N");
        return _service.SendMessageAsync(new TaskMessage
        {
            InstanceId = instanceId,
            MessageId = id,
            Event = new HistoryEvent { Type = EventType.EventRaised, Name = eventName, Input = _converter.Serialize(eventPayload), Timestamp = _time.GetUtcNow().UtcDateTime, MessageId = id },
        }, cancellationToken);
    }

    /// <summary>Terminates a running instance; <paramref name="output"/> becomes its output. No effect on finished instances.</summary>
    public Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        var id = Guid.NewGuid().ToString("N");
        return _service.SendMessageAsync(new TaskMessage
        {
            InstanceId = instanceId,
            MessageId = id,
            Event = new HistoryEvent { Type = EventType.ExecutionTerminated, Result = _converter.Serialize(output), Timestamp = _time.GetUtcNow().UtcDateTime },
        }, cancellationToken);
    }

    /// <summary>The instance, or null if it does not exist.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        var state = await _service.GetStateAsync(instanceId, cancellationToken);
        return state is null ? null : new OrchestrationMetadata(state, _converter, getInputsAndOutputs);
    }

    /// <summary>Instances matching <paramref name="query"/>, paged (continuation tokens are opaque).</summary>
    public AsyncPageable<OrchestrationMetadata> QueryInstancesAsync(OrchestrationQuery? query = null, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        new QueryPageable(this, query ?? new OrchestrationQuery(), getInputsAndOutputs, cancellationToken);

    /// <summary>Deletes a finished instance's history and state.</summary>
    /// <exception cref="InvalidOperationException">The instance is still Pending or Running.</exception>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        return new PurgeResult(await _service.PurgeInstanceAsync(instanceId, cancellationToken));
    }

    /// <summary>Waits (polling with growing intervals) until the instance is finished, and returns it.</summary>
    /// <exception cref="InvalidOperationException">The instance does not exist.</exception>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var instance = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken)
                ?? throw new InvalidOperationException($"Orchestration instance '{instanceId}' does not exist.");
            if (instance.IsCompleted)
            {
                return instance;
            }

            await Task.Delay(delay, _time, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 250));
        }
    }

    private static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (instanceId.Length > 256 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"Instance id '{instanceId}' is invalid: at most 256 characters, without '/', '\\', '#', '?' or control characters.", nameof(instanceId));
        }
    }

    private sealed class QueryPageable(DurableTaskClient client, OrchestrationQuery query, bool getInputsAndOutputs, CancellationToken cancellationToken)
        : AsyncPageable<OrchestrationMetadata>(cancellationToken)
    {
        public override async IAsyncEnumerable<Page<OrchestrationMetadata>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            var pageQuery = pageSizeHint is { } size ? query with { PageSize = size } : query;
            do
            {
                var page = await client._service.QueryStatesAsync(pageQuery, continuationToken, CancellationToken);
                continuationToken = page.ContinuationToken;
                yield return Page<OrchestrationMetadata>.FromValues(
                    [.. page.States.Select(s => new OrchestrationMetadata(s, client._converter, getInputsAndOutputs))], continuationToken, null!);
            }
            while (continuationToken is not null);
        }
    }
}
