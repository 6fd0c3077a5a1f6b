using System.Globalization;

namespace Marketplace.Orchestrations.Engine;

/// <content>Turning actions into history events and messages.</content>
internal sealed partial class OrchestrationStepProcessor
{
    private sealed class StepOutput(string instanceId, HistoryEvent started, DateTime now, List<TaskMessage> activities, List<TaskMessage> orchestrators)
    {
        private string ExecutionId => started.ExecutionId ?? string.Empty;

        public HistoryEvent Record(OrchestratorAction action)
        {
            switch (action.Type)
            {
                case OrchestratorActionType.ScheduleTask:
                    var scheduled = new HistoryEvent { Type = EventType.TaskScheduled, EventId = action.Id, Name = action.Name, Input = action.Input, Timestamp = now };
                    activities.Add(Message(instanceId, ExecutionId, scheduled, "task"));
                    return scheduled;
                case OrchestratorActionType.CreateTimer:
                    orchestrators.Add(Message(instanceId, ExecutionId, new HistoryEvent { Type = EventType.TimerFired, TaskScheduledId = action.Id, FireAt = action.FireAt, Timestamp = now }, "timer") with { DeliverAt = action.FireAt });
                    return new HistoryEvent { Type = EventType.TimerCreated, EventId = action.Id, FireAt = action.FireAt, Timestamp = now };
                case OrchestratorActionType.CreateSubOrchestration:
                    var childId = action.InstanceId!;
                    var childExecution = Guid.NewGuid().ToString("N");
                    orchestrators.Add(new TaskMessage
                    {
                        InstanceId = childId,
                        ExecutionId = childExecution,
                        MessageId = MessageId(action.Id, "start"),
                        Event = new HistoryEvent
                        {
                            Type = EventType.ExecutionStarted,
                            Name = action.Name,
                            Input = action.Input,
                            ExecutionId = childExecution,
                            ParentInstanceId = instanceId,
                            ParentExecutionId = ExecutionId,
                            ParentTaskScheduledId = action.Id,
                            Timestamp = now,
                            MessageId = MessageId(action.Id, "start"),
                        },
                    });
                    return new HistoryEvent { Type = EventType.SubOrchestrationInstanceCreated, EventId = action.Id, Name = action.Name, InstanceId = childId, Input = action.Input, Timestamp = now };
                case OrchestratorActionType.SendEvent:
                    orchestrators.Add(new TaskMessage
                    {
                        InstanceId = action.InstanceId!,
                        MessageId = MessageId(action.Id, "event"),
                        Event = new HistoryEvent { Type = EventType.EventRaised, Name = action.Name, Input = action.Input, Timestamp = now, MessageId = MessageId(action.Id, "event") },
                    });
                    return new HistoryEvent { Type = EventType.EventSent, EventId = action.Id, Name = action.Name, InstanceId = action.InstanceId, Input = action.Input, Timestamp = now };
                default:
                    return Complete(action);
            }
        }

        private HistoryEvent Complete(OrchestratorAction action)
        {
            if (action.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
            {
                return new HistoryEvent { Type = EventType.ContinueAsNew, EventId = action.Id, Input = action.Result, Timestamp = now, OrchestrationStatus = action.Status };
            }

            if (started.ParentInstanceId is { } parent)
            {
                var failed = action.Status != OrchestrationRuntimeStatus.Completed;
                var details = action.FailureDetails
                    ?? (failed ? new TaskFailureDetails("Terminated", $"Sub-orchestration '{instanceId}' was terminated: {action.Result}", null) : null);
                orchestrators.Add(new TaskMessage
                {
                    InstanceId = parent,
                    ExecutionId = started.ParentExecutionId,
                    MessageId = $"{parent}:{started.ParentExecutionId}:{started.ParentTaskScheduledId.ToString(CultureInfo.InvariantCulture)}:done",
                    Event = new HistoryEvent
                    {
                        Type = failed ? EventType.SubOrchestrationInstanceFailed : EventType.SubOrchestrationInstanceCompleted,
                        TaskScheduledId = started.ParentTaskScheduledId,
                        Result = failed ? null : action.Result,
                        FailureDetails = details,
                        Timestamp = now,
                    },
                });
            }

            return new HistoryEvent
            {
                Type = EventType.ExecutionCompleted,
                EventId = action.Id,
                OrchestrationStatus = action.Status,
                Result = action.Result,
                FailureDetails = action.FailureDetails,
                Timestamp = now,
            };
        }

        private string MessageId(int taskId, string kind) => $"{instanceId}:{ExecutionId}:{taskId.ToString(CultureInfo.InvariantCulture)}:{kind}";

        private TaskMessage Message(string target, string executionId, HistoryEvent e, string kind) => new()
        {
            InstanceId = target,
            ExecutionId = executionId,
            Event = e,
            MessageId = MessageId(e.EventId >= 0 ? e.EventId : e.TaskScheduledId, kind),
        };
    }
}
