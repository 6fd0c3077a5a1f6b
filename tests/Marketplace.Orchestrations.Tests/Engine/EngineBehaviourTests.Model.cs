using Marketplace.Orchestrations.Engine;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <content>Scheduling, errors, non-determinism, queries and payloads.</content>
public abstract partial class EngineBehaviourTests
{
    [Fact]
    public async Task Schedule_WithTheIdOfARunningInstance_ReturnsItWithoutASecondRun()
    {
        await using var engine = await StartAsync();
        var id = "single-" + Guid.NewGuid().ToString("N");

        var first = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.Approval), 600_000, new StartOrchestrationOptions(id));
        var second = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.Approval), 600_000, new StartOrchestrationOptions(id));
        await engine.WaitUntilAsync(id, i => i.SerializedCustomStatus == "\"waiting\"");
        var third = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.Approval), 600_000, new StartOrchestrationOptions(id));
        await engine.Client.RaiseEventAsync(id, "Approval", "carol");

        first.ShouldBe(id);
        second.ShouldBe(id);
        third.ShouldBe(id);
        var result = await engine.WaitAsync(id);
        result.ReadOutputAs<string>().ShouldBe("approved by carol");
        var page = await engine.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = id }).ToListAsync();
        page.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Schedule_ConcurrentlyWithOneId_StartsOneRun()
    {
        await using var engine = await StartAsync();
        var id = "race-" + Guid.NewGuid().ToString("N");

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.Sequence), new[] { "once" }, new StartOrchestrationOptions(id))));

        ids.ShouldAllBe(i => i == id);
        (await engine.WaitAsync(id)).ReadOutputAs<string>().ShouldBe("hello once");
        Workflows.Executions.Keys.ShouldBe([id + ":0"]);
        Workflows.Executions[id + ":0"].ShouldBe(1);
    }

    [Fact]
    public async Task Schedule_WithTheIdOfAFinishedInstance_StartsANewRun()
    {
        await using var engine = await StartAsync();
        var id = "rerun-" + Guid.NewGuid().ToString("N");
        (await engine.RunAsync(nameof(Workflows.Echoing), "one", id)).ReadOutputAs<string>().ShouldBe("one");

        (await engine.RunAsync(nameof(Workflows.Echoing), "two", id)).ReadOutputAs<string>().ShouldBe("two");
    }

    [Fact]
    public async Task UnknownOrchestrator_FailsTheInstance_NamingIt()
    {
        await using var engine = await StartAsync();

        var result = await engine.RunAsync("NoSuchOrchestrator");

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe(typeof(TaskNotFoundException).FullName);
        result.FailureDetails.ErrorMessage.ShouldContain("No orchestrator named 'NoSuchOrchestrator' is registered");
    }

    [Fact]
    public async Task UnknownActivity_FailsTheCall_NamingIt()
    {
        await using var engine = await StartAsync(r => r.AddOrchestratorFunc<string, string>("CallsMissing", async (c, _) =>
        {
            try
            {
                return await c.CallActivityAsync<string>("NoSuchActivity");
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.ErrorMessage;
            }
        }));

        var result = await engine.RunAsync("CallsMissing");

        result.ReadOutputAs<string>()!.ShouldStartWith("No activity named 'NoSuchActivity' is registered");
    }

    [Fact]
    public async Task ChangedOrchestratorCode_IsDetectedAsNonDeterministic_NamingStepAndBothActions()
    {
        var version = 1;
        await using var engine = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Changing", async (c, _) =>
        {
            await c.CallActivityAsync<string>(nameof(Workflows.Echo), "first");
            await c.WaitForExternalEvent<string>("go");
            return await c.CallActivityAsync<string>(Volatile.Read(ref version) == 1 ? nameof(Workflows.Echo) : nameof(Workflows.Key), "second");
        }).AddOrchestratorFunc<string, string>("Changing2", async (c, _) =>
        {
            await c.CallActivityAsync<string>(Volatile.Read(ref version) == 1 ? nameof(Workflows.Echo) : nameof(Workflows.Key), "first");
            await c.WaitForExternalEvent<string>("go");
            return "done";
        }));
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Changing2");
        await engine.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running && i.LastUpdatedAt > i.CreatedAt);
        await Task.Delay(200);
        Volatile.Write(ref version, 2);

        await engine.Client.RaiseEventAsync(id, "go", "now");

        var result = await engine.WaitAsync(id);
        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe(typeof(NonDeterministicOrchestrationException).FullName);
        result.FailureDetails.ErrorMessage.ShouldContain("at step 0");
        result.FailureDetails.ErrorMessage.ShouldContain("history has ScheduleTask 'Echo'");
        result.FailureDetails.ErrorMessage.ShouldContain("now takes ScheduleTask 'Key'");
    }

    [Fact]
    public async Task AwaitingANonContextTask_FailsTheInstanceInsteadOfHanging()
    {
        await using var engine = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Escapes", async (c, _) =>
        {
            await Task.Delay(10);
            return "unreachable";
        }));

        var result = await engine.RunAsync("Escapes");

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorMessage.ShouldContain("did not create");
    }

    [Fact]
    public async Task NewGuid_IsDeterministicAcrossReplays()
    {
        await using var engine = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Guids", async (c, _) =>
        {
            var first = c.NewGuid();
            var echoed = await c.CallActivityAsync<string>(nameof(Workflows.Echo), first.ToString());
            var second = c.NewGuid();
            return echoed == first.ToString() && second != first ? "stable" : $"changed: {first} {echoed} {second}";
        }));

        (await engine.RunAsync("Guids")).ReadOutputAs<string>().ShouldBe("stable");
    }

    [Fact]
    public async Task ActivityContext_IdempotencyKey_IsInstanceIdAndTaskId()
    {
        await using var engine = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Keys", async (c, _) =>
        {
            await c.CreateTimer(c.CurrentUtcDateTime, CancellationToken.None);
            return await c.CallActivityAsync<string>(nameof(Workflows.Key));
        }));

        var result = await engine.RunAsync("Keys", instanceId: "keys-" + Guid.NewGuid().ToString("N"));

        result.ReadOutputAs<string>().ShouldBe(result.InstanceId + ":1");
    }

    [Fact]
    public async Task WhenAny_WithATimer_TakesWhicheverFinishesFirst()
    {
        await using var engine = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Race", async (c, _) =>
        {
            using var cancel = new CancellationTokenSource();
            var work = c.CallActivityAsync<string>(nameof(Workflows.Echo), "work");
            var timer = c.CreateTimer(c.CurrentUtcDateTime.AddMinutes(10), cancel.Token);
            var winner = await Task.WhenAny(work, timer);
            cancel.Cancel(); // not CancelAsync: orchestrator code must not hop to the thread pool
            return winner == work ? await work : "timer";
        }));

        (await engine.RunAsync("Race")).ReadOutputAs<string>().ShouldBe("work");
    }

    [Fact]
    public async Task QueryInstances_FiltersByStatusNameAndCreatedTime_AndPages()
    {
        await using var engine = await StartAsync();
        var prefix = "query-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var before = DateTime.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 5; i++)
        {
            await engine.RunAsync(nameof(Workflows.Echoing), "x", prefix + i);
        }

        var waiting = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.WaitForever), null, new StartOrchestrationOptions(prefix + "w"));
        await engine.WaitUntilAsync(waiting, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var completed = new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2, CreatedFrom = before };
        var pages = new List<int>();
        await foreach (var page in engine.Client.QueryInstancesAsync(completed).AsPages())
        {
            pages.Add(page.Values.Count);
        }

        pages.Sum().ShouldBe(5);
        pages.ShouldAllBe(count => count <= 2);
        var byName = await engine.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, NamePrefix = "WaitFor" }).ToListAsync();
        byName.Select(i => i.InstanceId).ShouldBe([prefix + "w"]);
        (await engine.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedTo = before }).ToListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task LargePayloads_RoundTripThroughActivitiesAndOutput()
    {
        await using var engine = await StartAsync();
        var big = string.Concat(Enumerable.Range(0, 12_000).Select(i => (char)('a' + (i % 26)) + "ü"));

        var result = await engine.RunAsync(nameof(Workflows.Echoing), big);

        result.ReadOutputAs<string>().ShouldBe(big);
        result.ReadInputAs<string>().ShouldBe(big);
    }
}
