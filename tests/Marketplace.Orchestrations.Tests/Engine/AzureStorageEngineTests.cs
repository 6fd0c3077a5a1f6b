using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.TestSupport;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>The engine behaviour on the Azure Storage backend against a real Azurite (one task hub per test).</summary>
[Trait("Category", "Integration")]
public sealed class AzureStorageEngineTests(AzuriteFixture azurite) : EngineBehaviourTests, IClassFixture<AzuriteFixture>
{
    internal static AzureStorageOrchestrationServiceOptions TestOptions(string hub, string? workerId = null) => new()
    {
        TaskHubName = hub,
        WorkerId = workerId ?? "test-" + Guid.NewGuid().ToString("N")[..8],
        LeaseDuration = TimeSpan.FromSeconds(15),
        MaxPollingDelay = TimeSpan.FromMilliseconds(200),
    };

    private protected override Task<EngineHarness> StartAsync(Action<DurableTaskRegistry>? extra = null)
    {
        var service = new AzureStorageOrchestrationService(azurite.Account, TestOptions(AzuriteFixture.UniqueName("hub")));
        return EngineHarness.StartAsync(service, service, r =>
        {
            Workflows.Register(r);
            extra?.Invoke(r);
        });
    }
}
