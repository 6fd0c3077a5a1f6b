using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class StandaloneRuntimeTests(StandaloneRuntimeFixture fixture) : IClassFixture<StandaloneRuntimeFixture>
{
    private DurableTestHost Runtime => fixture.Host;

    [Fact]
    public async Task FanOut_CallsEveryActivityAndSumsTheResults()
    {
        var result = await Runtime.RunAsync(nameof(FanOutOrchestrator), 50);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<int>().ShouldBe(2 * (50 * 51 / 2));
    }

    [Fact]
    public async Task ContinueAsNew_CarriesStateAcrossGenerations()
    {
        var result = await Runtime.RunAsync(nameof(CounterOrchestrator), new CounterState(0, 0));

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<CounterState>().ShouldBe(new CounterState(5, 2 * (0 + 1 + 2 + 3 + 4)));
    }

    [Fact]
    public async Task SubOrchestrations_ReturnTheirResultsToTheParent()
    {
        var result = await Runtime.RunAsync(nameof(ParentOrchestrator), 3);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<int[]>().ShouldBe([2, 6, 12]);
        var child = await Runtime.Client.GetInstanceAsync(result.InstanceId + "-child-2");
        child.ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task DurableTimer_ResumesTheOrchestrationAfterItsDueTime()
    {
        var result = await Runtime.RunAsync(nameof(TimerOrchestrator), 2);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        // Azurite sets queue visibility in whole seconds, so a timer may fire up to a second early.
        result.ReadOutputAs<double>().ShouldBeGreaterThanOrEqualTo(1.0);
    }

    [Fact]
    public async Task ExternalEvent_RaisedByTheClient_CompletesTheWait()
    {
        var id = await Runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "order-7");
        var started = await Runtime.Client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true);
        started.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);

        await Runtime.Client.RaiseEventAsync(id, "Approve", new Approval("dana", Approved: true));
        var result = await Runtime.WaitAsync(id);

        result.ReadOutputAs<string>().ShouldBe("order-7 approved by dana");
        result.ReadCustomStatusAs<Dictionary<string, string>>().ShouldNotBeNull()["waitingFor"].ShouldBe("order-7");
        result.ReadInputAs<string>().ShouldBe("order-7");
    }

    [Fact]
    public async Task ActivityFailure_ReachesTheOrchestratorAsTaskFailedExceptionWithDetails()
    {
        var result = await Runtime.RunAsync(nameof(CatchingOrchestrator), "x1");

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<string>().ShouldBe($"{nameof(FailingActivity)}|{typeof(InvalidOperationException).FullName}|boom: x1");
    }

    [Fact]
    public async Task UncaughtActivityFailure_FailsTheInstanceWithFailureDetailsOnTheClient()
    {
        var result = await Runtime.RunAsync(nameof(UncaughtFailureOrchestrator), "x2");

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        var failure = result.FailureDetails.ShouldNotBeNull(result.SerializedOutput);
        failure.ErrorType.ShouldBe(typeof(TaskFailedException).FullName);
        failure.InnerFailure.ShouldNotBeNull().ErrorType.ShouldBe(typeof(InvalidOperationException).FullName);
        failure.InnerFailure.ErrorMessage.ShouldBe("boom: x2");
    }

    [Fact]
    public async Task RetryPolicy_RetriesAFailingActivityUntilItSucceeds()
    {
        var key = Guid.NewGuid().ToString("N");

        var result = await Runtime.RunAsync(nameof(RetryOrchestrator), key);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<int>().ShouldBe(3);
    }

    [Fact]
    public async Task Terminate_EndsARunningInstanceWithTheGivenOutput()
    {
        var id = await Runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "t");
        await Runtime.Client.WaitForInstanceStartAsync(id);

        await Runtime.Client.TerminateInstanceAsync(id, "stopped by test");
        var result = await Runtime.WaitAsync(id);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        result.ReadOutputAs<string>().ShouldBe("stopped by test");
    }

    [Fact]
    public async Task SuspendAndResume_HoldEventsUntilResumed()
    {
        var id = await Runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "s");
        await Runtime.Client.WaitForInstanceStartAsync(id);

        await Runtime.Client.SuspendInstanceAsync(id, "hold");
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await Runtime.Client.RaiseEventAsync(id, "Go", "went");
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await Runtime.Client.GetInstanceAsync(id)).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Suspended);

        await Runtime.Client.ResumeInstanceAsync(id, "go on");
        var result = await Runtime.WaitAsync(id);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<string>().ShouldBe("went");
    }

    [Fact]
    public async Task Purge_DeletesAFinishedInstanceAndFilterPurgeDeletesByStatusAndTime()
    {
        var one = await Runtime.RunAsync(nameof(OrderOrchestrator), new OrderInput("p1", 1));
        (await Runtime.Client.PurgeInstanceAsync(one.InstanceId)).PurgedInstanceCount.ShouldBe(1);
        (await Runtime.Client.GetInstanceAsync(one.InstanceId)).ShouldBeNull();

        var from = DateTimeOffset.UtcNow.AddMilliseconds(-100);
        var done = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Runtime.RunAsync(nameof(OrderOrchestrator), new OrderInput("p" + i, i))));
        var waiting = await Runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "keep");
        await Runtime.Client.WaitForInstanceStartAsync(waiting);

        var purged = await Runtime.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, null, [OrchestrationRuntimeStatus.Completed]));

        purged.PurgedInstanceCount.ShouldBe(3);
        foreach (var instance in done)
        {
            (await Runtime.Client.GetInstanceAsync(instance.InstanceId)).ShouldBeNull();
        }

        (await Runtime.Client.GetInstanceAsync(waiting)).ShouldNotBeNull();
        await Runtime.Client.TerminateInstanceAsync(waiting);
    }

    [Fact]
    public async Task Query_FiltersByPrefixAndStatusAcrossPages()
    {
        var prefix = "q" + Guid.NewGuid().ToString("N")[..8] + "-";
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Runtime.RunAsync(nameof(OrderOrchestrator), new OrderInput("q" + i, i), prefix + i)));
        var running = prefix + "running";
        await Runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "r", new StartOrchestrationOptions(running));
        await Runtime.Client.WaitForInstanceStartAsync(running);

        var query = new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2, FetchInputsAndOutputs = true };
        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in Runtime.Client.GetAllInstancesAsync(query).AsPages())
        {
            pages.Add(page);
        }

        var found = pages.SelectMany(p => p.Values).ToList();
        found.Select(m => m.InstanceId).Order().ShouldBe(Enumerable.Range(0, 5).Select(i => prefix + i));
        found.ShouldAllBe(m => m.ReadOutputAs<string>()!.StartsWith('q'));
        pages.Count.ShouldBeGreaterThan(1);
        var all = await ToListAsync(Runtime.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }));
        all.Count.ShouldBe(6);
        await Runtime.Client.TerminateInstanceAsync(running);
    }

    [Fact]
    public async Task Inputs_BindCaseInsensitivelyAndAreWrittenInCamelCase()
    {
        var pascal = await Runtime.RunAsync(nameof(OrderOrchestrator), new Dictionary<string, object> { ["OrderId"] = "A-1", ["QUANTITY"] = 4 });
        var camel = await Runtime.RunAsync(nameof(OrderOrchestrator), new OrderInput("B-2", 5));

        pascal.ReadOutputAs<string>().ShouldBe("A-1x4");
        camel.ReadOutputAs<string>().ShouldBe("B-2x5");
        camel.SerializedInput.ShouldBe("""{"orderId":"B-2","quantity":5}""");
    }

    [Fact]
    public async Task EveryActivityCall_RunsInItsOwnDependencyInjectionScope()
    {
        var result = await Runtime.RunAsync(nameof(ScopeProbeOrchestrator), 3);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        var scopes = result.ReadOutputAs<Guid[]>().ShouldNotBeNull();
        scopes.Length.ShouldBe(6);
        scopes.Distinct().Count().ShouldBe(6);
        scopes.ShouldAllBe(id => fixture.Log.Disposed.Contains(id));
    }

    [Fact]
    public async Task Start_WithTheIdOfARunningInstance_IsRejected()
    {
        var id = "dup-" + Guid.NewGuid().ToString("N");
        await Runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "d", new StartOrchestrationOptions(id));
        await Runtime.Client.WaitForInstanceStartAsync(id);

        await Should.ThrowAsync<global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(() =>
            Runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "d", new StartOrchestrationOptions(id)));
        await Runtime.Client.TerminateInstanceAsync(id);
    }

    private async Task WaitForStatusAsync(string id, OrchestrationRuntimeStatus status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Runtime.Client.GetInstanceAsync(id, timeout.Token))?.RuntimeStatus != status)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task<List<T>> ToListAsync<T>(AsyncPageable<T> items)
        where T : notnull
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
