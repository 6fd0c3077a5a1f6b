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
        HistoryEvent result;
        if (!_registry.TryGetActivity(name, out var activity))
        {
            var registered = string.Join(", ", _registry.ActivityNames.Order(StringComparer.Ordinal));
            result = Failed(scheduled, new TaskNotFoundException(
                $"No activity named '{name}' is registered with this worker (registered: {(registered.Length == 0 ? "none" : registered)})."));
        }
        else
        {
            try
            {
                var context = new TaskActivityContext(name, message.InstanceId, scheduled.EventId);
                CrashPoints.Hit(CrashPoints.InActivity);
                var output = await activity(context, scheduled.Input, _options.DataConverter, stopping);
                CrashPoints.Hit(CrashPoints.InActivity);
                result = new HistoryEvent { Type = EventType.TaskCompleted, TaskScheduledId = scheduled.EventId, Result = output, Timestamp = DateTime.UtcNow };
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await AbandonAsync(() => _service.AbandonActivityWorkItemAsync(item, CancellationToken.None));
                return;
            }
            catch (Exception ex)
            {
                result = Failed(scheduled, ex);
            }
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
