using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// The backend-independent heart of a step: filters the received messages (drops duplicates, stale
/// executions and messages for finished instances; defers messages that precede the start), replays the
/// orchestrator with the accepted ones, and turns its actions into history events and outgoing messages.
/// </summary>
internal sealed partial class OrchestrationStepProcessor(DurableTaskRegistry registry, DataConverter converter, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
{
    /// <summary>How many ContinueAsNew generations one step runs before it stops (a guard against loops without waits).</summary>
    private const int MaxGenerationsPerStep = 100;

    private readonly OrchestrationExecutor _executor = new(registry, converter, loggerFactory);

    public OrchestrationStep Process(string instanceId, IReadOnlyList<HistoryEvent> history, IReadOnlyList<TaskMessage> messages)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var filtered = MessageFilter.Apply(history, messages, now);
        if (filtered.Accepted.Count == 0)
        {
            return new OrchestrationStep { InstanceId = instanceId, DeferredMessages = filtered.Deferred };
        }

        // A timer never appears to fire early, even if the clock that delivered it ran slightly ahead.
        foreach (var fired in filtered.Accepted.Where(e => e.Type == EventType.TimerFired && e.FireAt > now))
        {
            now = fired.FireAt!.Value;
        }

        var past = history;
        var newEvents = new List<HistoryEvent> { new() { Type = EventType.OrchestratorStarted, Timestamp = now } };
        newEvents.AddRange(filtered.Accepted);
        var activities = new List<TaskMessage>();
        var orchestrators = new List<TaskMessage>();
        var isNewExecution = false;
        for (var generation = 0; ; generation++)
        {
            var started = FindStarted(past) ?? FindStarted(newEvents)
                ?? throw new InvalidOperationException($"Instance '{instanceId}' has no ExecutionStarted event.");
            var result = _executor.Execute(instanceId, past, newEvents);
            var output = new StepOutput(instanceId, started, now, activities, orchestrators);
            foreach (var action in result.NewActions)
            {
                newEvents.Add(output.Record(action));
            }

            newEvents.Add(new HistoryEvent { Type = EventType.OrchestratorCompleted, Timestamp = now });
            if (result.Completion is { Status: OrchestrationRuntimeStatus.ContinuedAsNew } next && generation < MaxGenerationsPerStep)
            {
                var restarted = started with
                {
                    ExecutionId = Guid.NewGuid().ToString("N"),
                    Input = next.Result,
                    MessageId = null,
                };
                past = [];
                newEvents = [new() { Type = EventType.OrchestratorStarted, Timestamp = now }, restarted];
                newEvents.AddRange(next.CarryoverEvents ?? []);
                isNewExecution = true;
                continue;
            }

            var state = BuildState(instanceId, started, result, now);
            return new OrchestrationStep
            {
                InstanceId = instanceId,
                NewEvents = newEvents,
                IsNewExecution = isNewExecution,
                State = state,
                ActivityMessages = activities,
                OrchestratorMessages = orchestrators,
                DeferredMessages = filtered.Deferred,
            };
        }
    }

    private static HistoryEvent? FindStarted(IEnumerable<HistoryEvent> events) => events.FirstOrDefault(e => e.Type == EventType.ExecutionStarted);

    private static OrchestrationState BuildState(string instanceId, HistoryEvent started, OrchestrationExecutionResult result, DateTime now)
    {
        var completion = result.Completion;
        return new OrchestrationState
        {
            InstanceId = instanceId,
            Name = started.Name ?? string.Empty,
            ExecutionId = started.ExecutionId,
            Status = completion?.Status ?? OrchestrationRuntimeStatus.Running,
            Input = started.Input,
            Output = completion?.Result,
            CustomStatus = result.CustomStatus,
            FailureDetails = completion?.FailureDetails,
            CreatedAt = started.Timestamp,
            LastUpdatedAt = now,
            ParentInstanceId = started.ParentInstanceId,
        };
    }
}
