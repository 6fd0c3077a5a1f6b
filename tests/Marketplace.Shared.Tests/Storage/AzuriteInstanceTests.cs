using Marketplace.Shared.Storage;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage;

[Trait("Category", "Integration")]
public sealed class AzuriteInstanceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StartAsync_ServesAllThreeServices_AndStopsOnDispose(bool inMemory)
    {
        var azurite = await AzuriteInstance.StartAsync(inMemory);
        var probe = new StorageHealthProbe(azurite.Account);

        (await probe.ProbeAsync()).ShouldAllBe(r => r.Reachable);

        await azurite.DisposeAsync();
        (await probe.ProbeAsync()).ShouldAllBe(r => !r.Reachable);
    }
}
