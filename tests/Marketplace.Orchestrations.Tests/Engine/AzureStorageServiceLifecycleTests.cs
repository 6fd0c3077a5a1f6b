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
}
