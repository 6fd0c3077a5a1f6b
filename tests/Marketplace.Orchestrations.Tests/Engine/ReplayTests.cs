using Marketplace.Orchestrations.Engine;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>Replay and message filtering on hand-written histories, without a worker.</summary>
public sealed class ReplayTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void DeterministicGuid_MatchesRfc4122Version5()
    {
        // Expected value computed independently: uuid.uuid5(UUID("9e952958-5e33-4daf-827f-2fa12937b875"), name).
        DeterministicGuid.Create("inst_2026-01-01T00:00:00.0000000Z_0").ShouldBe(Guid.Parse("76ed91fa-4536-5b9e-a1b4-dcacb70c4b22"));
    }

    [Fact]
    public void Replay_OfACompletedActivity_SchedulesTheNextOne_WithoutRescheduling()
    {
        var processor = Processor(r => r.AddOrchestratorFunc<string, string>("Two", async (c, _) =>
        {
            var a = await c.CallActivityAsync<string>("A");
            return await c.CallActivityAsync<string>("B", a);
        }));
        var history = new List<HistoryEvent>
        {
            new() { Type = EventType.OrchestratorStarted, Timestamp = T0 },
            new() { Type = EventType.ExecutionStarted, Name = "Two", ExecutionId = "e1", Timestamp = T0 },
            new() { Type = EventType.TaskScheduled, EventId = 0, Name = "A", Timestamp = T0 },
            new() { Type = EventType.OrchestratorCompleted, Timestamp = T0 },
        };

        var step = processor.Process("i", history, [Completed("e1", 0, "\"x\"", "m1")]);

        step.ActivityMessages.Select(m => (m.Event.Name, m.Event.EventId, m.Event.Input)).ShouldBe([("B", 1, "\"x\"")]);
        step.State!.Status.ShouldBe(OrchestrationRuntimeStatus.Running);
        step.NewEvents.Select(e => e.Type).ShouldBe([EventType.OrchestratorStarted, EventType.TaskCompleted, EventType.TaskScheduled, EventType.OrchestratorCompleted]);
    }

    [Fact]
    public void DuplicateAndStaleMessages_AreDropped()
    {
        var history = new List<HistoryEvent>
        {
            new() { Type = EventType.ExecutionStarted, Name = "X", ExecutionId = "e1", Timestamp = T0 },
            new() { Type = EventType.TaskScheduled, EventId = 0, Name = "A" },
            new() { Type = EventType.TaskScheduled, EventId = 1, Name = "A" },
            new() { Type = EventType.TaskCompleted, TaskScheduledId = 0 },
            new() { Type = EventType.EventRaised, Name = "go", MessageId = "ev1" },
        };
        var messages = new[]
        {
            Completed("e1", 0, "1", "dup-of-done"),
            Completed("e1", 1, "1", "first"),
            Completed("e1", 1, "1", "second-copy"),
            Completed("old-execution", 1, "1", "stale"),
            Completed("e1", 7, "1", "never-scheduled"),
            new TaskMessage { InstanceId = "i", MessageId = "ev1", Event = new HistoryEvent { Type = EventType.EventRaised, Name = "go" } },
            new TaskMessage { InstanceId = "i", MessageId = "ev2", Event = new HistoryEvent { Type = EventType.EventRaised, Name = "go" } },
        };

        var result = MessageFilter.Apply(history, messages, T0);

        result.Accepted.Select(e => e.MessageId).ShouldBe(["first", "ev2"]);
        result.Deferred.ShouldBeEmpty();
    }

    [Fact]
    public void MessagesBeforeTheStart_AreDeferred_AndMessagesToFinishedInstancesDropped()
    {
        var early = new TaskMessage { InstanceId = "i", MessageId = "ev", Event = new HistoryEvent { Type = EventType.EventRaised, Name = "go", Timestamp = T0 } };
        var finished = new List<HistoryEvent>
        {
            new() { Type = EventType.ExecutionStarted, Name = "X", ExecutionId = "e1" },
            new() { Type = EventType.ExecutionCompleted, OrchestrationStatus = OrchestrationRuntimeStatus.Completed },
        };

        MessageFilter.Apply([], [early], T0.AddSeconds(1)).Deferred.ShouldBe([early]);
        MessageFilter.Apply([], [early], T0 + MessageFilter.MaxDeferral).Deferred.ShouldBeEmpty();
        MessageFilter.Apply(finished, [early], T0).Accepted.ShouldBeEmpty();
    }

    [Fact]
    public void ReplaySafeLogger_WritesOnlyOutsideReplay()
    {
        var logged = new List<string>();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(logged)));
        var processor = Processor(r => r.AddOrchestratorFunc<string, string>("Logs", async (c, _) =>
        {
            var log = c.CreateReplaySafeLogger("test");
            log.LogInformation("before {Replaying}", c.IsReplaying);
            await c.CallActivityAsync<string>("A");
            log.LogInformation("after {Replaying}", c.IsReplaying);
            return "ok";
        }), factory);
        var first = processor.Process("i", [], [Start("Logs")]);
        var history = first.NewEvents.ToList();

        processor.Process("i", history, [Completed(first.State!.ExecutionId!, 0, "\"r\"", "m")]);

        logged.ShouldBe(["before False", "after False"]);
    }

    private static OrchestrationStepProcessor Processor(Action<DurableTaskRegistry> register, ILoggerFactory? loggerFactory = null)
    {
        var registry = new DurableTaskRegistry();
        register(registry);
        return new OrchestrationStepProcessor(registry, DataConverter.Default, TimeProvider.System, loggerFactory);
    }

    private static TaskMessage Start(string name) => new()
    {
        InstanceId = "i",
        ExecutionId = "e1",
        MessageId = "start",
        Event = new HistoryEvent { Type = EventType.ExecutionStarted, Name = name, ExecutionId = "e1", Timestamp = T0 },
    };

    private static TaskMessage Completed(string executionId, int taskId, string result, string messageId) => new()
    {
        InstanceId = "i",
        ExecutionId = executionId,
        MessageId = messageId,
        Event = new HistoryEvent { Type = EventType.TaskCompleted, TaskScheduledId = taskId, Result = result },
    };

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add(formatter(state, exception));
    }
}
