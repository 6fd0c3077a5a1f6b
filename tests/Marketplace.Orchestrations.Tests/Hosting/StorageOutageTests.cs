using Marketplace.TestSupport;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Marketplace.Orchestrations.Tests.Hosting;

/// <summary>
/// Storage goes away for 60 s, longer than the Azure SDK's retries, while instances run; when it is back the
/// runtime must carry on by itself: the running instances complete and new ones are picked up.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StorageOutageLongerThanTheSdkRetries_TheWorkerRecoversAndEveryInstanceCompletes()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var runtime = await DurableTestHost.StartAsync(azurite.Account, DurableTestHost.NewTaskHub(),
            registry => registry.AddOrchestrator<SlowChainOrchestrator>().AddActivity<SleepActivity>(),
            configure: o => o.PartitionCount = 2);
        var before = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SlowChainOrchestrator), 20, new StartOrchestrationOptions($"before-{i}"))));
        await WaitUntilAsync(async () => (await runtime.Client.GetInstanceAsync(before[0]))?.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await Task.Delay(TimeSpan.FromSeconds(1));

        await azurite.StopProcessAsync();
        await Task.Delay(TimeSpan.FromSeconds(60));
        await azurite.RestartAsync();
        output.WriteLine("storage is back");

        var after = await runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SlowChainOrchestrator), 3, new StartOrchestrationOptions("after"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        foreach (var id in before.Append(after))
        {
            var result = await runtime.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
            result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"{id}: {result.FailureDetails}");
            result.ReadOutputAs<int>().ShouldBe(id == after ? 3 : 20);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
