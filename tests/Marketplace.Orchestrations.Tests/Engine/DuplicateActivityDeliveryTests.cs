using System.Threading.Channels;
using Marketplace.Orchestrations.Engine;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>
/// The same activity call delivered twice to one worker while the first delivery still runs (a restarted worker
/// re-sends the last step's outbox while the first copy is still queued): it runs once, and both deliveries are
/// completed with its outcome.
/// </summary>
public sealed class DuplicateActivityDeliveryTests
{
    [Fact]
    public async Task SecondDelivery_WhileTheCallRuns_WaitsAndReportsItsOutcome_InsteadOfRunningAgain()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var registry = new DurableTaskRegistry().AddActivityFunc<int, int>("Create", async (_, value) =>
        {
            Interlocked.Increment(ref runs);
            await gate.Task;
            return value * 2;
        });
        var scheduled = new TaskMessage
        {
            InstanceId = "dup", ExecutionId = "e1", MessageId = "m1",
            Event = new HistoryEvent { Type = EventType.TaskScheduled, EventId = 0, Name = "Create", Input = "21" },
        };
        var service = new DeliveriesService([scheduled, scheduled, scheduled with { ExecutionId = "e2" }]);
        await using var worker = new DurableTaskWorker(service, registry);
        await worker.StartAsync(CancellationToken.None);

        await service.Delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        while (Volatile.Read(ref runs) < 2)
        {
            await Task.Delay(10);
        }

        // All three are handed out and two runs are blocked; give the second e1 delivery time to reach the worker's
        // check (without the check it would start a third run here, which the assertion below catches).
        await Task.Delay(2000);
        gate.SetResult();
        var completed = await service.AllCompleted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        runs.ShouldBe(2, "one run for execution e1 (two deliveries), one for e2");
        completed.Select(r => (r.ExecutionId, r.Event.Type, r.Event.Result)).ShouldBe(
            [("e1", EventType.TaskCompleted, "42"), ("e1", EventType.TaskCompleted, "42"), ("e2", EventType.TaskCompleted, "42")], ignoreOrder: true);
    }

    /// <summary>Hands out the given activity messages, then nothing; records the completions.</summary>
    private sealed class DeliveriesService(IReadOnlyList<TaskMessage> messages) : IOrchestrationService
    {
        private readonly Channel<ActivityWorkItem> _items = Channel.CreateUnbounded<ActivityWorkItem>();
        private readonly List<TaskMessage> _completed = [];
        private int _handedOut;

        public TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<IReadOnlyList<TaskMessage>> AllCompleted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StartAsync(CancellationToken cancellationToken = default)
        {
            foreach (var message in messages)
            {
                _items.Writer.TryWrite(new ActivityWorkItem { Message = message });
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }

        public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStep step, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("No orchestration is handed out.");

        public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default)
        {
            var item = await _items.Reader.ReadAsync(cancellationToken);
            if (Interlocked.Increment(ref _handedOut) == messages.Count)
            {
                Delivered.TrySetResult();
            }

            return item;
        }

        public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default)
        {
            lock (_completed)
            {
                _completed.Add(response);
                if (_completed.Count == messages.Count)
                {
                    AllCompleted.TrySetResult([.. _completed]);
                }
            }

            return Task.CompletedTask;
        }

        public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("No delivery should be abandoned.");
    }
}
