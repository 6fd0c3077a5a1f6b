using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Engine;

[Trait("Category", "Integration")]
public sealed class AzureStorageServiceLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task StopAsync_CalledTwiceAtOnce_StopsOnceWithoutError()
    {
        var service = new AzureStorageOrchestrationService(azurite.Account, new AzureStorageOrchestrationServiceOptions
        {
            TaskHubName = "life" + Guid.NewGuid().ToString("N")[..10],
            WorkerId = "lifecycle",
        });
        await service.StartAsync();

        var stops = Enumerable.Range(0, 4).Select(_ => Task.Run(() => service.StopAsync())).ToArray();

        await Should.NotThrowAsync(() => Task.WhenAll(stops));
        await Should.NotThrowAsync(() => service.StopAsync());
    }

    [Fact]
    public async Task WorkerStopAsync_CalledTwiceAtOnce_StopsOnceWithoutError()
    {
        var service = new AzureStorageOrchestrationService(azurite.Account, new AzureStorageOrchestrationServiceOptions
        {
            TaskHubName = "life" + Guid.NewGuid().ToString("N")[..10],
            WorkerId = "lifecycle",
        });
        var worker = new DurableTaskWorker(service, new DurableTaskRegistry());
        await worker.StartAsync(CancellationToken.None);

        var stops = Enumerable.Range(0, 4).Select(_ => Task.Run(() => worker.StopAsync(CancellationToken.None))).ToArray();

        await Should.NotThrowAsync(() => Task.WhenAll(stops));
        await Should.NotThrowAsync(async () => await worker.DisposeAsync());
    }
}
