using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// The context of one replay: collects the actions the code takes (keyed by task id), and completes the
/// tasks the code awaits as history events are fed to it by <see cref="OrchestrationExecutor"/>.
/// </summary>
internal sealed partial class OrchestrationContext : TaskOrchestrationContext
{
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly string? _input;
    private readonly SortedDictionary<int, OrchestratorAction> _pendingActions = [];
    private readonly Dictionary<int, Action<HistoryEvent>> _openTasks = [];
    private int _sequence;
    private int _guidCounter;

    public OrchestrationContext(string name, string instanceId, string? parentInstanceId, string? input, DataConverter converter, ILoggerFactory? loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        ParentInstanceId = parentInstanceId;
        _input = input;
        _converter = converter;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    public override string Name { get; }

    public override string InstanceId { get; }

    public override string? ParentInstanceId { get; }

    public override DateTime CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    internal DateTime CurrentTime { get; set; }

    internal bool Replaying { get; set; }

    internal string? CustomStatus { get; private set; }

    internal (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    /// <summary>Actions taken but not yet matched with history: the new decisions of this step.</summary>
    internal IEnumerable<OrchestratorAction> PendingActions => _pendingActions.Values;

    internal int NextSequence() => _sequence++;

    public override T? GetInput<T>()
        where T : default => _converter.Deserialize<T>(_input);

    public override void SetCustomStatus(object? customStatus) => CustomStatus = _converter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (_converter.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid()
    {
        var name = string.Concat(InstanceId, "_", CurrentTime.ToString("o", CultureInfo.InvariantCulture), "_", (_guidCounter++).ToString(CultureInfo.InvariantCulture));
        return DeterministicGuid.Create(name);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, _loggerFactory.CreateLogger(categoryName));

    public override void SendEvent(string instanceId, string eventName, object? eventData)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        AddAction(new OrchestratorAction
        {
            Type = OrchestratorActionType.SendEvent,
            Id = NextSequence(),
            Name = eventName,
            InstanceId = instanceId,
            Input = _converter.Serialize(eventData),
        });
    }

    /// <summary>Matches a history event that records an action against the action the code took with the same id.</summary>
    internal void MatchAction(HistoryEvent recorded, OrchestratorActionType expected, bool completed)
    {
        var recordedDescription = recorded.Name is null ? expected.ToString() : $"{expected} '{recorded.Name}'";
        if (completed)
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}') at step {recorded.EventId}: history has {recordedDescription} but the orchestrator code has already completed.");
        }

        if (!_pendingActions.Remove(recorded.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}') at step {recorded.EventId}: history has {recordedDescription} but the orchestrator code now takes no action at this step.");
        }

        if (action.Type != expected || !string.Equals(action.Name, recorded.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}') at step {recorded.EventId}: history has {recordedDescription} but the orchestrator code now takes {action.Describe()}.");
        }
    }

    /// <summary>Completes the open task <paramref name="taskId"/> with a completion event; unknown ids are ignored.</summary>
    internal void CompleteTask(int taskId, HistoryEvent completion)
    {
        if (_openTasks.Remove(taskId, out var complete))
        {
            complete(completion);
        }
    }

    /// <summary>True while some context task (activity, timer, sub-orchestration, event wait) can still complete.</summary>
    internal bool HasOpenTasks => _openTasks.Count > 0 || HasEventWaiters;

    private void AddAction(OrchestratorAction action) => _pendingActions.Add(action.Id, action);

    private sealed class ReplaySafeLogger(OrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
