using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Engine;

/// <content>Running one orchestrator step and one activity.</content>
public sealed partial class DurableTaskWorker
{
    private async Task RunStepAsync(OrchestrationWorkItem item, CancellationToken stopping)
    {
        try
        {
            var step = _processor.Process(item.InstanceId, item.History, item.NewMessages);
            await _service.CompleteOrchestrationWorkItemAsync(item, step, CancellationToken.None);
            if (step.State is { } state && state.Status.IsTerminal())
            {
                Log.InstanceFinished(_logger, item.InstanceId, state.Name, state.Status);
            }
        }
        catch (Exception ex)
        {
            // The commit did not happen (or its outcome is unknown): release the messages for redelivery;
            // replay makes the retried step produce the same result.
            Log.StepFailed(_logger, item.InstanceId, ex);
            await AbandonAsync(() => _service.AbandonOrchestrationWorkItemAsync(item, CancellationToken.None));
        }
    }

    private async Task RunActivityAsync(ActivityWorkItem item, CancellationToken stopping)
    {
        var message = item.Message;
        var scheduled = message.Event;
        var name = scheduled.Name ?? string.Empty;

        // A delivery of a call that is still running in this worker (its scheduling message re-sent after a restart
        // while the first copy was still queued) waits for that run and reports its outcome: running it again
        // concurrently would defeat the activities' look-up-before-create idempotency.
        var key = string.Join('|', message.InstanceId, message.ExecutionId, scheduled.EventId.ToString(CultureInfo.InvariantCulture));
        var mine = new TaskCompletionSource<HistoryEvent?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _runningActivities.GetOrAdd(key, mine.Task);
        HistoryEvent? result;
        if (running != mine.Task)
        {
            result = await running;
        }
        else
        {
            HistoryEvent? outcome = null;
            try
            {
                outcome = await ExecuteActivityAsync(name, message, scheduled, stopping);
            }
            finally
            {
                _runningActivities.TryRemove(new KeyValuePair<string, Task<HistoryEvent?>>(key, mine.Task));
                mine.TrySetResult(outcome);
            }

            result = outcome;
        }

        if (result is null)
        {
            await AbandonAsync(() => _service.AbandonActivityWorkItemAsync(item, CancellationToken.None));
            return;
        }

        var response = new TaskMessage
        {
            InstanceId = message.InstanceId,
            ExecutionId = message.ExecutionId,
            MessageId = message.MessageId + ":result",
            Event = result,
        };
        try
        {
            await _service.CompleteActivityWorkItemAsync(item, response, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.ActivityCompleteFailed(_logger, name, message.InstanceId, scheduled.EventId, ex);
            await AbandonAsync(() => _service.AbandonActivityWorkItemAsync(item, CancellationToken.None));
        }
    }

    /// <summary>Runs the activity; its completion or failure event, or null when the worker is stopping (abandon it).</summary>
    private async Task<HistoryEvent?> ExecuteActivityAsync(string name, TaskMessage message, HistoryEvent scheduled, CancellationToken stopping)
    {
        if (!_registry.TryGetActivity(name, out var activity))
        {
            var registered = string.Join(", ", _registry.ActivityNames.Order(StringComparer.Ordinal));
            return Failed(scheduled, new TaskNotFoundException(
                $"No activity named '{name}' is registered with this worker (registered: {(registered.Length == 0 ? "none" : registered)})."));
        }

        try
        {
            var context = new TaskActivityContext(name, message.InstanceId, scheduled.EventId);
            CrashPoints.Hit(CrashPoints.InActivity);
            var output = await activity(context, scheduled.Input, _options.DataConverter, stopping);
            CrashPoints.Hit(CrashPoints.InActivity);
            return new HistoryEvent { Type = EventType.TaskCompleted, TaskScheduledId = scheduled.EventId, Result = output, Timestamp = DateTime.UtcNow };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            return Failed(scheduled, ex);
        }
    }

    private static HistoryEvent Failed(HistoryEvent scheduled, Exception ex) => new()
    {
        Type = EventType.TaskFailed,
        TaskScheduledId = scheduled.EventId,
        FailureDetails = TaskFailureDetails.FromException(ex),
        Timestamp = DateTime.UtcNow,
    };

    private async Task AbandonAsync(Func<Task> abandon)
    {
        try
        {
            await abandon();
        }
        catch (Exception ex)
        {
            // Abandon is an optimisation (earlier redelivery); the lock expires on its own.
            Log.AbandonFailed(_logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Dispatch loop failed to lock work; retrying in 1 s.")]
        public static partial void DispatchFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "Step of instance {InstanceId} failed; its messages will be redelivered.")]
        public static partial void StepFailed(ILogger logger, string instanceId, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Could not report the result of activity {Name} (instance {InstanceId}, task {TaskId}); it will run again.")]
        public static partial void ActivityCompleteFailed(ILogger logger, string name, string instanceId, int taskId, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "Abandoning a work item failed; its lock will expire.")]
        public static partial void AbandonFailed(ILogger logger, Exception exception);

        [LoggerMessage(5, LogLevel.Information, "Instance {InstanceId} ({Name}) finished: {Status}.")]
        public static partial void InstanceFinished(ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);
    }
}
