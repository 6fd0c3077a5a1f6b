using System.Net;
using Marketplace.Functions.Engine;
using Marketplace.Functions.Tests.Support;
using Marketplace.Orchestrations.Engine;
using Marketplace.Shared.Storage.Queues;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Engine;

/// <summary>
/// The engine's control and work-item queues as queue-triggered functions: the test plays the Functions host,
/// delivering each engine message to the app in the documented custom-handler queue payload.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EngineQueueFunctionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task HostDelivered_ControlAndWorkItemMessages_RunTheOrchestrationToCompletion_WithThePollerOff()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        await using var app = CustomHandlerApp(hub);
        var http = app.CreateClient();
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var host = new FakeQueueHost(http, new QueueServiceClient(azurite.Account), FunctionsByQueue(hub));

        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Greetings.Greet), "ann");
        await host.PumpUntilAsync(async () => (await client.GetInstanceAsync(id))?.RuntimeStatus.IsTerminal() == true, Timeout);

        var done = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.SerializedOutput.ShouldBe("\"hello ann, hello ann!\"");
        // Start + two activity results went through the control functions, two activities through the work-item
        // function: a polling worker in the app would have taken some of them.
        host.Delivered.Where(d => d.Key.StartsWith(EngineQueueFunctions.ControlPrefix, StringComparison.Ordinal)).Sum(d => d.Value).ShouldBe(3);
        host.Delivered[EngineQueueFunctions.WorkItemsName].ShouldBe(2);
        host.Failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task HostDelivered_WhenSendingFailsAfterTheCommit_AnswersNon2xx_AndTheRedeliveredMessageCompletesTheInstance()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        await using var app = CustomHandlerApp(hub);
        var http = app.CreateClient();
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var queues = new QueueServiceClient(azurite.Account);
        var host = new FakeQueueHost(http, queues, FunctionsByQueue(hub));
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Greetings.Greet), "bob");
        var start = await WaitForControlMessageAsync(queues, DurableTaskQueueProcessor.ControlQueueNames(hub, EngineQueueFunctions.PartitionCount));

        // The activity queue is gone: the step commits, then cannot send its activity, so the call must fail for the host to retry.
        var workItems = queues.GetQueueClient(DurableTaskQueueProcessor.WorkItemQueueName(hub));
        await workItems.DeleteIfExistsAsync();
        var status = await host.DeliverAsync(FunctionsByQueue(hub)[start.Queue], start.Message);
        ((int)status).ShouldBeGreaterThanOrEqualTo(500);
        await queues.GetQueueClient(start.Queue).UpdateMessageAsync(start.Message.MessageId, start.Message.PopReceipt, visibilityTimeout: TimeSpan.Zero);

        // Redelivered, the start is a duplicate of the committed step; the committed outbox is sent then.
        await RecreateQueueAsync(workItems);
        await host.PumpUntilAsync(async () => (await client.GetInstanceAsync(id))!.RuntimeStatus.IsTerminal(), Timeout);
        var done = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.SerializedOutput.ShouldBe("\"hello bob, hello bob!\"");
        host.Delivered[EngineQueueFunctions.WorkItemsName].ShouldBe(2); // the recovered outbox is sent once, not again with each later step
    }

    [Fact]
    public async Task HostDelivered_EventsForOneInstance_DeliveredAtOnceToTwoAppInstances_AreEachAppliedOnce()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        await using var appA = CustomHandlerApp(hub);
        await using var appB = CustomHandlerApp(hub);
        var client = appA.Services.GetRequiredService<DurableTaskClient>();
        var queues = new QueueServiceClient(azurite.Account);
        HttpClient[] apps = [appA.CreateClient(), appB.CreateClient()];
        var host = new FakeQueueHost(apps, queues, FunctionsByQueue(hub));
        foreach (var app in apps)
        {
            // A message that is not an engine batch is dropped with 200 (as the pollers drop it); it also warms the app up.
            using var junk = new StringContent("""{"Data":{"message":"{}"},"Metadata":{"DequeueCount":1,"Id":"junk"}}""", System.Text.Encoding.UTF8, "application/json");
            (await app.PostAsync("/" + EngineQueueFunctions.ControlPrefix + "00", junk)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Greetings.Collect));
        await host.PumpUntilAsync(async () => (await client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Running, Timeout);

        // Ten control messages for one instance, delivered concurrently to two "scaled-out" instances: steps race
        // on the instance's ETag; losers re-run on fresh history (or fail and are redelivered).
        await Task.WhenAll(Enumerable.Range(1, Greetings.CollectCount).Select(i => client.RaiseEventAsync(id, Greetings.AddEvent, i)));
        await host.PumpUntilAsync(async () => (await client.GetInstanceAsync(id))!.RuntimeStatus.IsTerminal(), Timeout);

        var done = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.SerializedOutput.ShouldBe("55");
    }

    [Fact]
    public async Task StandaloneHostDriven_TheBuiltInQueueListenersPlayTheHost()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Engine:Dispatch"] = "HostDriven";
        settings["Sync:TaskHub"] = hub;
        settings["Sync:WorkerEnabled"] = "true";
        settings["Reconciliation:Schedule"] = "0 0 0 1 1 *";
        settings["Photos:Container"] = AzuriteFixture.UniqueName("photos");
        await using var app = new FunctionsAppFactory(settings, services => services.AddSingleton(new EngineRegistry(Greetings.Registry())));
        app.CreateClient().Dispose();
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Greetings.Greet), "cy");
        using var cts = new CancellationTokenSource(Timeout);
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.SerializedOutput.ShouldBe("\"hello cy, hello cy!\"");
    }

    private FunctionsAppFactory CustomHandlerApp(string hub)
    {
        var settings = FunctionsAppFactory.CustomHandlerSettings(azurite.ConnectionString);
        settings["Sync:TaskHub"] = hub;
        settings["Sync:WorkerEnabled"] = "true";
        return new FunctionsAppFactory(settings, services => services.AddSingleton(new EngineRegistry(Greetings.Registry())));
    }

    private static Dictionary<string, string> FunctionsByQueue(string hub)
    {
        var map = new Dictionary<string, string> { [DurableTaskQueueProcessor.WorkItemQueueName(hub)] = EngineQueueFunctions.WorkItemsName };
        var control = DurableTaskQueueProcessor.ControlQueueNames(hub, EngineQueueFunctions.PartitionCount);
        for (var i = 0; i < control.Count; i++)
        {
            map[control[i]] = EngineQueueFunctions.ControlPrefix + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        }

        return map;
    }

    private static async Task<(string Queue, QueueMessage Message)> WaitForControlMessageAsync(QueueServiceClient queues, IReadOnlyList<string> control)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            foreach (var name in control)
            {
                if ((await queues.GetQueueClient(name).ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), cts.Token)) is [var message])
                {
                    return (name, message);
                }
            }

            await Task.Delay(50, cts.Token);
        }
    }

    private static async Task RecreateQueueAsync(QueueClient queue)
    {
        // Storage may refuse to recreate a queue for a moment after deleting it.
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cts.Token);
                return;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 409)
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }
}

/// <summary>A two-activity orchestration for the engine queue tests.</summary>
internal static class Greetings
{
    public static DurableTaskRegistry Registry() => new DurableTaskRegistry()
        .AddOrchestratorFunc<string, string>(nameof(Greet), Greet)
        .AddActivityFunc<string, string>(nameof(Hello), (_, name) => Hello(name))
        .AddOrchestratorFunc<int>(nameof(Collect), Collect);

    public const string AddEvent = "add";
    public const int CollectCount = 10;

    /// <summary>Sums <see cref="CollectCount"/> <c>add</c> events.</summary>
    public static async Task<int> Collect(TaskOrchestrationContext context)
    {
        var sum = 0;
        for (var i = 0; i < CollectCount; i++)
        {
            sum += await context.WaitForExternalEvent<int>(AddEvent);
        }

        return sum;
    }

    public static async Task<string> Greet(TaskOrchestrationContext context, string? name)
    {
        var first = await context.CallActivityAsync<string>(nameof(Hello), name);
        var second = await context.CallActivityAsync<string>(nameof(Hello), name);
        return $"{first}, {second}!";
    }

    public static string Hello(string? name) => "hello " + name;
}
