using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Engine;

/// <summary>What one replay of an orchestrator decided.</summary>
internal sealed record OrchestrationExecutionResult(
    IReadOnlyList<OrchestratorAction> NewActions,
    OrchestratorAction? Completion,
    string? CustomStatus);

/// <summary>
/// Replays an orchestrator over its past history (checking that the code takes the recorded actions) and then
/// feeds it the new events; returns the actions it took that are not in history yet.
/// </summary>
internal sealed class OrchestrationExecutor(DurableTaskRegistry registry, DataConverter converter, ILoggerFactory? loggerFactory = null)
{
    private DurableTaskRegistry Registry => registry;

    private DataConverter Converter => converter;

    private ILoggerFactory? LoggerFactory => loggerFactory;

    public OrchestrationExecutionResult Execute(string instanceId, IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents)
    {
        var scheduler = new OrchestrationSynchronizationContext();
        var run = new Run(this, instanceId);
        try
        {
            foreach (var e in pastEvents)
            {
                scheduler.Run(() => run.Apply(e, replaying: true));
            }

            foreach (var e in newEvents)
            {
                scheduler.Run(() => run.Apply(e, replaying: false));
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            return Failed(run, TaskFailureDetails.FromException(ex));
        }

        if (run.Context is null)
        {
            return new OrchestrationExecutionResult([], null, null);
        }

        if (run.IsStranded)
        {
            return Failed(run, TaskFailureDetails.FromException(new InvalidOperationException(
                $"Orchestrator '{run.Context.Name}' (instance '{instanceId}') is waiting for a task that the orchestration context did not create " +
                "(Task.Delay, Task.Run, ConfigureAwait(false), CancelAsync or other I/O); it could never resume. Await only context tasks.")));
        }

        return new OrchestrationExecutionResult(
            run.Completion is null ? [.. run.Context.PendingActions] : [.. run.Context.PendingActions, run.Completion],
            run.Completion,
            run.Context.CustomStatus);
    }

    private static OrchestrationExecutionResult Failed(Run run, TaskFailureDetails details)
    {
        var completion = new OrchestratorAction
        {
            Type = OrchestratorActionType.CompleteOrchestration,
            Id = run.Context?.NextSequence() ?? 0,
            Status = OrchestrationRuntimeStatus.Failed,
            FailureDetails = details,
        };
        return new OrchestrationExecutionResult([completion], completion, run.Context?.CustomStatus);
    }

    private sealed class Run(OrchestrationExecutor owner, string instanceId)
    {
        private Task<string?>? _task;

        public OrchestrationContext? Context { get; private set; }

        public OrchestratorAction? Completion { get; private set; }

        /// <summary>The code is suspended on something the engine will never complete.</summary>
        public bool IsStranded => Completion is null && _task is { IsCompleted: false } && Context is { HasOpenTasks: false } && !Context.PendingActions.Any();

        public void Apply(HistoryEvent e, bool replaying)
        {
            if (Context is not null)
            {
                Context.Replaying = replaying;
            }

            switch (e.Type)
            {
                case EventType.OrchestratorStarted:
                    if (Context is not null)
                    {
                        Context.CurrentTime = e.Timestamp;
                    }

                    _pendingTime = e.Timestamp;
                    break;
                case EventType.ExecutionStarted:
                    Start(e, replaying);
                    break;
                case EventType.TaskScheduled:
                    Require().MatchAction(e, OrchestratorActionType.ScheduleTask, Completion is not null);
                    break;
                case EventType.TimerCreated:
                    Require().MatchAction(e, OrchestratorActionType.CreateTimer, Completion is not null);
                    break;
                case EventType.SubOrchestrationInstanceCreated:
                    Require().MatchAction(e, OrchestratorActionType.CreateSubOrchestration, Completion is not null);
                    break;
                case EventType.EventSent:
                    Require().MatchAction(e, OrchestratorActionType.SendEvent, Completion is not null);
                    break;
                case EventType.TaskCompleted or EventType.TaskFailed or EventType.SubOrchestrationInstanceCompleted
                    or EventType.SubOrchestrationInstanceFailed or EventType.TimerFired:
                    if (Completion is null)
                    {
                        Require().CompleteTask(e.TaskScheduledId, e);
                    }

                    break;
                case EventType.EventRaised:
                    if (Completion is null)
                    {
                        Require().RaiseEvent(e);
                    }

                    break;
                case EventType.ExecutionTerminated:
                    if (Completion is null)
                    {
                        Completion = new OrchestratorAction
                        {
                            Type = OrchestratorActionType.CompleteOrchestration,
                            Id = Require().NextSequence(),
                            Status = OrchestrationRuntimeStatus.Terminated,
                            Result = e.Result,
                        };
                    }

                    break;
                default:
                    break;
            }

            CheckCompletion();
        }

        private DateTime _pendingTime;

        private OrchestrationContext Require() =>
            Context ?? throw new NonDeterministicOrchestrationException($"History of instance '{instanceId}' has events before ExecutionStarted.");

        private void Start(HistoryEvent started, bool replaying)
        {
            var name = started.Name ?? string.Empty;
            Context = new OrchestrationContext(name, instanceId, started.ParentInstanceId, started.Input, owner.Converter, owner.LoggerFactory)
            {
                CurrentTime = _pendingTime == default ? started.Timestamp : _pendingTime,
                Replaying = replaying,
            };
            if (!owner.Registry.TryGetOrchestrator(name, out var orchestrator))
            {
                var registered = string.Join(", ", owner.Registry.OrchestratorNames.Order(StringComparer.Ordinal));
                Completion = FailedCompletion(TaskFailureDetails.FromException(new TaskNotFoundException(
                    $"No orchestrator named '{name}' is registered with this worker (registered: {(registered.Length == 0 ? "none" : registered)}).")));
                return;
            }

            var context = Context;
            _task = Invoke(orchestrator, context, started.Input);
        }

        private Task<string?> Invoke(Func<TaskOrchestrationContext, string?, DataConverter, Task<string?>> orchestrator, OrchestrationContext context, string? input)
        {
            try
            {
                return orchestrator(context, input, owner.Converter);
            }
            catch (Exception ex) when (ex is not NonDeterministicOrchestrationException)
            {
                return Task.FromException<string?>(ex);
            }
        }

        private void CheckCompletion()
        {
            if (Completion is not null || _task is not { IsCompleted: true } task || Context is null)
            {
                return;
            }

            if (task.IsCompletedSuccessfully)
            {
                Completion = Context.ContinueAsNewRequest is { } next
                    ? new OrchestratorAction
                    {
                        Type = OrchestratorActionType.CompleteOrchestration,
                        Id = Context.NextSequence(),
                        Status = OrchestrationRuntimeStatus.ContinuedAsNew,
                        Result = next.Input,
                        CarryoverEvents = next.PreserveEvents ? [.. Context.UnconsumedEvents] : [],
                    }
                    : new OrchestratorAction
                    {
                        Type = OrchestratorActionType.CompleteOrchestration,
                        Id = Context.NextSequence(),
                        Status = OrchestrationRuntimeStatus.Completed,
                        Result = task.Result,
                    };
                return;
            }

            var error = ErrorOf(task);
            if (error is NonDeterministicOrchestrationException)
            {
                throw error;
            }

            Completion = FailedCompletion(TaskFailureDetails.FromException(error));
        }

        private static Exception ErrorOf(Task task)
        {
            try
            {
                // Rethrows the original exception, including the OperationCanceledException of a cancelled task.
                task.GetAwaiter().GetResult();
                return new InvalidOperationException("The orchestrator task did not fail.");
            }
            catch (Exception ex)
            {
                return ex;
            }
        }

        private OrchestratorAction FailedCompletion(TaskFailureDetails details) => new()
        {
            Type = OrchestratorActionType.CompleteOrchestration,
            Id = Context?.NextSequence() ?? 0,
            Status = OrchestrationRuntimeStatus.Failed,
            FailureDetails = details,
        };
    }
}
