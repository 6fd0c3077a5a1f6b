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

    [Fact]
    public async Task Probe_WithAWrongKey_ReportsEachServiceRefusingWith403()
    {
        var azurite = await AzuriteInstance.SharedAsync();
        var wrong = StorageAccount.Parse(azurite.ConnectionString.Replace(StorageAccount.DevelopmentAccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal));

        var results = await new StorageHealthProbe(wrong).ProbeAsync();

        results.Select(r => r.Service).ShouldBe([StorageService.Blob, StorageService.Queue, StorageService.Table]);
        results.ShouldAllBe(r => !r.Reachable && r.Status == 403 && r.Error!.Contains("403"));
    }
}
