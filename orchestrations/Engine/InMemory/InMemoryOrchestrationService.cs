using System.Globalization;
using System.Threading.Channels;

namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// A process-local backend for tests and local runs. It shares every piece of engine logic with the Azure
/// Storage backend; only storage and message passing live here. Nothing survives the process.
/// </summary>
public sealed partial class InMemoryOrchestrationService : IOrchestrationService, IOrchestrationServiceClient
{
    private static readonly TimeSpan DeferralDelay = TimeSpan.FromMilliseconds(50);
    private readonly object _gate = new();
    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly Channel<TaskMessage> _activities = Channel.CreateUnbounded<TaskMessage>();
    private readonly TimeProvider _time;

    public InMemoryOrchestrationService(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            string id;
            try
            {
                id = await _ready.Reader.ReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            lock (_gate)
            {
                if (!_instances.TryGetValue(id, out var instance))
                {
                    continue;
                }

                instance.Queued = false;
                if (instance.Locked || instance.Inbox.Count == 0)
                {
                    continue;
                }

                instance.Locked = true;
                var messages = instance.Inbox.ToList();
                instance.Inbox.Clear();
                return new OrchestrationWorkItem { InstanceId = id, History = [.. instance.History], NewMessages = messages };
            }
        }
    }

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStep step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(step);
        lock (_gate)
        {
            var instance = _instances[workItem.InstanceId];
            if (step.State is { } state)
            {
                if (step.IsNewExecution)
                {
                    instance.History.Clear();
                }

                instance.History.AddRange(step.NewEvents);
                instance.State = state;
            }

            Unlock(workItem.InstanceId, instance);
        }

        foreach (var message in step.ActivityMessages)
        {
            _activities.Writer.TryWrite(message);
        }

        foreach (var message in step.OrchestratorMessages)
        {
            Enqueue(message);
        }

        foreach (var message in step.DeferredMessages)
        {
            Enqueue(message with { DeliverAt = _time.GetUtcNow().UtcDateTime + DeferralDelay });
        }

        return Task.CompletedTask;
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            var instance = _instances[workItem.InstanceId];
            instance.Inbox.InsertRange(0, workItem.NewMessages);
            Unlock(workItem.InstanceId, instance);
        }

        return Task.CompletedTask;
    }

    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return new ActivityWorkItem { Message = await _activities.Reader.ReadAsync(cancellationToken) };
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default)
    {
        Enqueue(response);
        return Task.CompletedTask;
    }

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        _activities.Writer.TryWrite(workItem.Message);
        return Task.CompletedTask;
    }

    private void Unlock(string id, Instance instance)
    {
        instance.Locked = false;
        if (instance.Inbox.Count > 0 && !instance.Queued)
        {
            instance.Queued = true;
            _ready.Writer.TryWrite(id);
        }
    }

    private void Enqueue(TaskMessage message)
    {
        if (message.DeliverAt is { } at && at > _time.GetUtcNow().UtcDateTime)
        {
            _ = DeliverLaterAsync(message, at - _time.GetUtcNow().UtcDateTime);
            return;
        }

        lock (_gate)
        {
            if (!_instances.TryGetValue(message.InstanceId, out var instance))
            {
                _instances[message.InstanceId] = instance = new Instance();
            }

            instance.Inbox.Add(message);
            if (!instance.Locked && !instance.Queued)
            {
                instance.Queued = true;
                _ready.Writer.TryWrite(message.InstanceId);
            }
        }
    }

    private async Task DeliverLaterAsync(TaskMessage message, TimeSpan delay)
    {
        await Task.Delay(delay, _time);
        Enqueue(message with { DeliverAt = null });
    }

    private sealed class Instance
    {
        public List<HistoryEvent> History { get; } = [];

        public List<TaskMessage> Inbox { get; } = [];

        public OrchestrationState? State { get; set; }

        public bool Locked { get; set; }

        public bool Queued { get; set; }
    }

    private static string Token(int offset) => offset.ToString(CultureInfo.InvariantCulture);
}
