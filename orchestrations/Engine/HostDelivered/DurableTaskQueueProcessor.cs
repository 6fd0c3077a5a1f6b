using Azure;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// Runs the engine on queue messages that a host delivers (Azure Functions queue triggers on the task hub's control
/// and work-item queues) instead of the <see cref="DurableTaskWorker"/>'s own polling, so that the host's scale
/// controller spreads orchestration work over instances. The host owns the queue message: it keeps it invisible while
/// the call runs, deletes it when the call returns, and makes it visible again when the call throws (after its
/// <c>maxDequeueCount</c> it moves it to <c>&lt;queue&gt;-poison</c>).
/// <para>
/// Semantics match the polling worker: a control message is one step of its instance (duplicates and stale messages
/// are dropped by the engine; the commit is guarded by the instance's <c>$state</c> ETag, which, with no partition
/// lease, is what keeps concurrent steps on different instances apart: a step that loses the race is re-run on fresh
/// history a few times, then the call throws so the host redelivers). A work-item message runs its activities (at least
/// once: an activity that throws becomes a TaskFailed result; nothing is retried here) and sends their results before
/// returning. Every exception means "not done, deliver again"; the outbox of a committed step is re-sent on redelivery.
/// Do not run a <see cref="DurableTaskWorker"/> that polls the same task hub alongside.
/// </para>
/// </summary>
public sealed partial class DurableTaskQueueProcessor
{
    /// <summary>How often a step that lost the commit race to another instance is re-run on fresh history before the call fails.</summary>
    public const int MaxCommitAttempts = 5;

    private readonly AzureStorageOrchestrationService _service;
    private readonly DurableTaskRegistry _registry;
    private readonly DataConverter _converter;
    private readonly OrchestrationStepProcessor _processor;
    private readonly ILogger _logger;
    private readonly Dictionary<string, InstanceGate> _gates = new(StringComparer.Ordinal);

    public DurableTaskQueueProcessor(AzureStorageOrchestrationService service, DurableTaskRegistry registry, DurableTaskWorkerOptions? options = null,
        TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _converter = (options ?? new DurableTaskWorkerOptions()).DataConverter;
        loggerFactory ??= NullLoggerFactory.Instance;
        _processor = new OrchestrationStepProcessor(registry, _converter, timeProvider ?? TimeProvider.System, loggerFactory);
        _logger = loggerFactory.CreateLogger<DurableTaskQueueProcessor>();
    }

    /// <summary>The control queue names of task hub <paramref name="taskHubName"/> (<c>{hub}-control-00</c>.., one per partition).</summary>
    public static IReadOnlyList<string> ControlQueueNames(string taskHubName, int partitionCount) =>
        [.. Enumerable.Range(0, partitionCount).Select(i => $"{taskHubName}-control-{i:D2}")];

    /// <summary>The work-item (activity) queue name of task hub <paramref name="taskHubName"/>.</summary>
    public static string WorkItemQueueName(string taskHubName) => taskHubName + "-workitems";

    /// <summary>Runs one step for the control message <paramref name="messageText"/>; returns once it is committed and its messages sent.</summary>
    /// <exception cref="RequestFailedException">Storage failed, or the instance kept changing underneath (deliver again).</exception>
    public async Task ProcessControlMessageAsync(string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var messages = await _service.DecodeDeliveredAsync(_service.ControlQueueNames[0], messageText, cancellationToken);
        if (messages is null)
        {
            return;
        }

        var instanceId = messages[0].InstanceId;
        InstanceGate gate;
        lock (_gates)
        {
            gate = _gates.TryGetValue(instanceId, out var existing) ? existing : _gates[instanceId] = new InstanceGate();
            gate.Users++;
        }

        try
        {
            // Steps of one instance in this process run one after another; other processes are kept apart by the ETag.
            await gate.Lock.WaitAsync(cancellationToken);
            try
            {
                await RunStepAsync(instanceId, messages, cancellationToken);
            }
            finally
            {
                gate.Lock.Release();
            }
        }
        finally
        {
            lock (_gates)
            {
                if (--gate.Users == 0)
                {
                    _gates.Remove(instanceId);
                }
            }
        }
    }

    private async Task RunStepAsync(string instanceId, IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var item = await _service.LoadDeliveredWorkItemAsync(instanceId, messages, cancellationToken);
            var step = _processor.Process(instanceId, item.History, item.NewMessages);
            try
            {
                await _service.CompleteDeliveredWorkItemAsync(item, step, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxCommitAttempts)
            {
                Log.CommitConflict(_logger, instanceId, attempt);
                continue;
            }

            if (step.State is { } state && state.Status.IsTerminal())
            {
                Log.InstanceFinished(_logger, instanceId, state.Name, state.Status);
            }

            return;
        }
    }

    /// <summary>Runs the activities of the work-item message <paramref name="messageText"/> and sends their results.</summary>
    /// <exception cref="OperationCanceledException">Cancelled (shutdown): the results are not sent; deliver again.</exception>
    public async Task ProcessWorkItemMessageAsync(string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var messages = await _service.DecodeDeliveredAsync(_service.WorkItemQueueName, messageText, cancellationToken);
        if (messages is null)
        {
            return;
        }

        var results = await Task.WhenAll(messages.Select(m => RunActivityAsync(m, cancellationToken)));
        await _service.SendDeliveredResultsAsync(results, cancellationToken);
    }

    private async Task<TaskMessage> RunActivityAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var scheduled = message.Event;
        var name = scheduled.Name ?? string.Empty;
        HistoryEvent result;
        if (!_registry.TryGetActivity(name, out var activity))
        {
            result = Failed(scheduled, new TaskNotFoundException($"No activity named '{name}' is registered with this processor."));
        }
        else
        {
            try
            {
                var output = await activity(new TaskActivityContext(name, message.InstanceId, scheduled.EventId), scheduled.Input, _converter, cancellationToken);
                result = new HistoryEvent { Type = EventType.TaskCompleted, TaskScheduledId = scheduled.EventId, Result = output, Timestamp = DateTime.UtcNow };
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = Failed(scheduled, ex);
            }
        }

        return new TaskMessage { InstanceId = message.InstanceId, ExecutionId = message.ExecutionId, MessageId = message.MessageId + ":result", Event = result };
    }

    private static HistoryEvent Failed(HistoryEvent scheduled, Exception ex) => new()
    {
        Type = EventType.TaskFailed,
        TaskScheduledId = scheduled.EventId,
        FailureDetails = TaskFailureDetails.FromException(ex),
        Timestamp = DateTime.UtcNow,
    };

    /// <summary>A per-instance lock with a count of its users (guarded by the dictionary), removed when the last one leaves.</summary>
    private sealed class InstanceGate
    {
        public int Users;

        public SemaphoreSlim Lock { get; } = new(1, 1);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Step of instance {InstanceId} lost the commit race (attempt {Attempt}); re-running on fresh history.")]
        public static partial void CommitConflict(ILogger logger, string instanceId, int attempt);

        [LoggerMessage(2, LogLevel.Information, "Instance {InstanceId} ({Name}) finished: {Status}.")]
        public static partial void InstanceFinished(ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);
    }
}
