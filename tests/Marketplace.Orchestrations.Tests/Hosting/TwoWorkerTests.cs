using Marketplace.TestSupport;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class TwoWorkerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task TwoWorkersOnOneTaskHub_ShareTheWorkAndCompleteEveryInstance()
    {
        var hub = DurableTestHost.NewTaskHub();
        await using var first = await StartWorkerAsync(hub, "first");
        await using var second = await StartWorkerAsync(hub, "second");

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WhoRanOrchestrator), 10, new StartOrchestrationOptions($"share-{i}"))));
        var results = await Task.WhenAll(ids.Select(second.WaitAsync));

        results.ShouldAllBe(r => r.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        var workers = results.SelectMany(r => r.ReadOutputAs<string[]>()!).ToList();
        workers.Count.ShouldBe(80);
        workers.Distinct().Order().ShouldBe(["first", "second"]);
    }

    private Task<DurableTestHost> StartWorkerAsync(string hub, string name) =>
        DurableTestHost.StartAsync(azurite.Account, hub,
            registry => registry.AddOrchestrator<WhoRanOrchestrator>().AddActivity<WhoAmIActivity>(),
            services => services.AddSingleton(new WorkerName(name)),
            o =>
            {
                o.WorkerId = name;
                o.PartitionCount = 4;
            });
}
