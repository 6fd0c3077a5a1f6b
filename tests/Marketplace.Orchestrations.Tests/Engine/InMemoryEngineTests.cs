using Marketplace.Orchestrations.Engine;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>The engine behaviour on the in-memory backend: fast, no storage.</summary>
public sealed class InMemoryEngineTests : EngineBehaviourTests
{
    private protected override Task<EngineHarness> StartAsync(Action<DurableTaskRegistry>? extra = null) =>
        EngineHarness.StartInMemoryAsync(r =>
        {
            Workflows.Register(r);
            extra?.Invoke(r);
        });
}
