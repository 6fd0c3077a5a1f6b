using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CorePurgeInstanceFilter = DurableTask.Core.PurgeInstanceFilter;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Marketplace.Orchestrations.Hosting;

/// <summary>
/// <see cref="DurableTaskClient"/> over the DTFx Azure Storage backend for the standalone host (no served
/// package adapts one). Payloads go through <see cref="DurableDataConverter"/>, the converter the worker uses.
/// Waits poll the instance table every 50-250 ms (DTFx's own wait polls every 2 s).
/// </summary>
internal sealed class StandaloneDurableTaskClient(AzureStorageOrchestrationService service, string taskHub, TimeProvider time)
    : DurableTaskClient(taskHub), IDisposable
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(250);
    // Durable Functions' default: an instance id that is still pending, running or suspended is not started again
    // (OrchestrationAlreadyExistsException); a finished one is replaced.
    private static readonly OrchestrationStatus[] NotReusable = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];
    private readonly DataConverter _converter = DurableDataConverter.Instance;

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, _converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value),
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
        };
        var dedupe = options?.DedupeStatuses?.Select(s => (OrchestrationStatus)Enum.Parse<OrchestrationRuntimeStatus>(s)).ToArray() ?? NotReusable;
        await service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName });
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return service.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output));
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs);
        var state = states.FirstOrDefault(s => s is not null);
        return state is null ? null : await ToMetadataAsync(state, getInputsAndOutputs);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (OrchestrationStatus)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await service.GetOrchestrationWithQueryAsync(query, cancellation);
            var items = new List<OrchestrationMetadata>(result.OrchestrationState.Count);
            foreach (var state in result.OrchestrationState)
            {
                items.Add(await ToMetadataAsync(state, query.FetchInputsAndOutputs));
            }

            return new Page<OrchestrationMetadata>(items, result.ContinuationToken);
        });

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ThrowIfRecursive(options);
        var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ThrowIfRecursive(options);
        var coreFilter = new CorePurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(s => (OrchestrationStatus)s))
        {
            Timeout = filter.Timeout,
        };
        var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(coreFilter);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    // The service belongs to the container, which disposes it; synchronous disposal must work for containers disposed that way.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose()
    {
    }

    private Task SendAsync(string instanceId, HistoryEvent historyEvent) =>
        service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });

    private async Task<OrchestrationMetadata> PollAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        var delay = FirstPoll;
        while (true)
        {
            // Polls read the status only; the payloads are read once, at the end.
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation);
            if (metadata is not null && done(metadata))
            {
                return getInputsAndOutputs ? await GetInstancesAsync(instanceId, getInputsAndOutputs: true, cancellation) ?? metadata : metadata;
            }

            await Task.Delay(delay, time, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, delay.Ticks * 3 / 2));
        }
    }

    private async Task<OrchestrationMetadata> ToMetadataAsync(OrchestrationState state, bool withPayloads) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = _converter,
        RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads ? state.Output : null,
        SerializedCustomStatus = withPayloads ? state.Status : null,
        Tags = state.Tags is null ? new Dictionary<string, string>() : new Dictionary<string, string>(state.Tags),
        FailureDetails = state.FailureDetails is { } details
            ? ToFailureDetails(details)
            : state.OrchestrationStatus == OrchestrationStatus.Failed ? await ReadFailureDetailsAsync(state.OrchestrationInstance) : null,
    };

    // The instances table keeps only the failure's text; the details are on the history's completion event.
    private async Task<TaskFailureDetails?> ReadFailureDetailsAsync(OrchestrationInstance instance)
    {
        var history = await service.GetOrchestrationHistoryAsync(instance.InstanceId, instance.ExecutionId);
        var events = JsonSerializer.Deserialize<List<HistoryFailure>>(history);
        var failure = events?.LastOrDefault(e => e.EventType == (int)EventType.ExecutionCompleted && e.FailureDetails is not null)?.FailureDetails;
        return failure?.ToTaskFailureDetails();
    }

    private static TaskFailureDetails ToFailureDetails(CoreFailureDetails details) =>
        new(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure is null ? null : ToFailureDetails(details.InnerFailure), details.Properties);

    private sealed record HistoryFailure(int EventType, FailureJson? FailureDetails);

    private sealed record FailureJson(string ErrorType, string ErrorMessage, string? StackTrace, FailureJson? InnerFailure, Dictionary<string, object?>? Properties)
    {
        public TaskFailureDetails ToTaskFailureDetails() => new(ErrorType, ErrorMessage, StackTrace, InnerFailure?.ToTaskFailureDetails(), Properties);
    }

    private static void ThrowIfRecursive(PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive purge is not supported by the standalone client: purge sub-orchestrations by id.");
        }
    }
}
