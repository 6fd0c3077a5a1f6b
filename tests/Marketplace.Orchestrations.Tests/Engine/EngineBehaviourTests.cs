using Marketplace.Orchestrations.Engine;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>
/// The engine's behaviour, run against every backend (in-memory here, Azure Storage on Azurite in the
/// integration subclass): the same engine code must give the same results.
/// </summary>
public abstract partial class EngineBehaviourTests
{
    private protected Workflows Workflows { get; } = new();

    private protected abstract Task<EngineHarness> StartAsync(Action<DurableTaskRegistry>? extra = null);

    [Fact]
    public async Task Sequence_RunsActivitiesInOrder_AndReportsProgress()
    {
        await using var engine = await StartAsync();

        var result = await engine.RunAsync(nameof(Workflows.Sequence), new[] { "Tokyo", "Seattle", "London" });

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<string>().ShouldBe("hello Tokyo hello Seattle hello London");
        result.SerializedCustomStatus.ShouldBe("""{"done":3}""");
        result.ReadInputAs<string[]>().ShouldBe(["Tokyo", "Seattle", "London"]);
        result.CreatedAt.ShouldBeLessThanOrEqualTo(result.LastUpdatedAt);
        Workflows.Executions.Keys.Order().ShouldBe([$"{result.InstanceId}:0", $"{result.InstanceId}:1", $"{result.InstanceId}:2"]);
    }

    [Fact]
    public async Task FanOutFanIn_SumsAllResults()
    {
        await using var engine = await StartAsync();

        var result = await engine.RunAsync(nameof(Workflows.FanOut), 200);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(Enumerable.Range(1, 200).Sum() * 2);
    }

    [Fact]
    public async Task SubOrchestrations_ReturnTheirOutput_WithExplicitAndDefaultInstanceIds()
    {
        await using var engine = await StartAsync();

        var result = await engine.RunAsync(nameof(Workflows.Parent), 10, instanceId: "parent-" + Guid.NewGuid().ToString("N"));

        result.ReadOutputAs<int>().ShouldBe(20 + 22);
        var child = await engine.Client.GetInstanceAsync(result.InstanceId + "-child-a", getInputsAndOutputs: true);
        child.ShouldNotBeNull();
        child.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        child.ReadOutputAs<int>().ShouldBe(20);
        (await engine.Client.GetInstanceAsync(result.InstanceId + ":0001")).ShouldNotBeNull();
    }

    [Fact]
    public async Task FailedSubOrchestration_SurfacesAsTaskFailedException_WithDetails()
    {
        await using var engine = await StartAsync();

        var result = await engine.RunAsync(nameof(Workflows.ParentOfFailingChild), "x");

        result.ReadOutputAs<string>().ShouldBe($"caught {typeof(TaskFailedException).FullName}|Task 'Fail' (#0) failed with an unhandled exception: bad input: x|{typeof(FormatException).FullName}");
    }

    [Fact]
    public async Task DurableTimer_FiresNoEarlierThanRequested()
    {
        await using var engine = await StartAsync();

        var result = await engine.RunAsync(nameof(Workflows.WaitTimer), 300);

        result.ReadOutputAs<string>().ShouldBe("fired on time");
    }

    [Fact]
    public async Task ExternalEvent_RaisedWhileWaiting_IsReceived()
    {
        await using var engine = await StartAsync();
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.Approval), 600_000);
        await engine.WaitUntilAsync(id, i => i.SerializedCustomStatus == "\"waiting\"");

        await engine.Client.RaiseEventAsync(id, "Approval", "alice");

        (await engine.WaitAsync(id)).ReadOutputAs<string>().ShouldBe("approved by alice");
    }

    [Fact]
    public async Task ExternalEvent_RaisedBeforeTheWaitStarts_IsBuffered()
    {
        await using var engine = await StartAsync();
        var id = "buffered-" + Guid.NewGuid().ToString("N");
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.Approval), 600_000, new StartOrchestrationOptions(id));
        await engine.Client.RaiseEventAsync(id, "Approval", "bob");

        (await engine.WaitAsync(id)).ReadOutputAs<string>().ShouldBe("approved by bob");
    }

    [Fact]
    public async Task ExternalEvent_NotRaised_TimesOut()
    {
        await using var engine = await StartAsync();

        var result = await engine.RunAsync(nameof(Workflows.Approval), 200);

        result.ReadOutputAs<string>().ShouldBe("timed out");
    }

    [Fact]
    public async Task Retry_WithBackoff_SucceedsAfterTransientFailures()
    {
        Workflows.FlakyFailuresLeft = 2;
        await using var engine = await StartAsync();

        var result = await engine.RunAsync(nameof(Workflows.Retrying), 5);

        result.ReadOutputAs<int>().ShouldBe(42);
        Workflows.Executions[nameof(Workflows.Flaky)].ShouldBe(3);
    }

    [Fact]
    public async Task Retry_WhenAttemptsAreExhausted_FailsWithTheLastError()
    {
        Workflows.FlakyFailuresLeft = 10;
        await using var engine = await StartAsync();

        var result = await engine.RunAsync(nameof(Workflows.Retrying), 3);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails.ShouldNotBeNull();
        result.FailureDetails.ErrorType.ShouldBe(typeof(TaskFailedException).FullName);
        result.FailureDetails.InnerFailure!.ErrorType.ShouldBe(typeof(InvalidOperationException).FullName);
        result.FailureDetails.ErrorMessage.ShouldContain("transient");
        Workflows.Executions[nameof(Workflows.Flaky)].ShouldBe(3);
    }

    [Fact]
    public async Task ContinueAsNew_RestartsWithNewInput_UntilDone()
    {
        await using var engine = await StartAsync();

        var result = await engine.RunAsync(nameof(Workflows.Counter), 0);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(5);
        result.ReadInputAs<int>().ShouldBe(5);
    }

    [Fact]
    public async Task Terminate_StopsAWaitingInstance_WithTheGivenOutput()
    {
        await using var engine = await StartAsync();
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.WaitForever));
        await engine.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await engine.Client.TerminateInstanceAsync(id, "stopped by test");

        var result = await engine.WaitAsync(id);
        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        result.ReadOutputAs<string>().ShouldBe("stopped by test");
    }

    [Fact]
    public async Task Purge_RemovesAFinishedInstance_AndRefusesARunningOne()
    {
        await using var engine = await StartAsync();
        var done = await engine.RunAsync(nameof(Workflows.Sequence), new[] { "a" });
        var running = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.WaitForever));
        await engine.WaitUntilAsync(running, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        (await engine.Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount.ShouldBe(1);

        (await engine.Client.GetInstanceAsync(done.InstanceId)).ShouldBeNull();
        (await engine.Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount.ShouldBe(0);
        await Should.ThrowAsync<InvalidOperationException>(() => engine.Client.PurgeInstanceAsync(running));
    }
}
