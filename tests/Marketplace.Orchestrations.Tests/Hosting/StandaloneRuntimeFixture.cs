using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Hosting;

/// <summary>One started runtime with every test workflow, on its own task hub of the shared Azurite.</summary>
public sealed class StandaloneRuntimeFixture : IAsyncLifetime
{
    private DurableTestHost? _host;

    internal DurableTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    internal AttemptLog Log { get; } = new();

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteInstance.SharedAsync();
        _host = await DurableTestHost.StartAsync(azurite.Account, DurableTestHost.NewTaskHub(), registry => registry
            .AddActivity<DoubleActivity>()
            .AddActivity<FailingActivity>()
            .AddActivity<FlakyActivity>()
            .AddActivity<ScopeProbeActivity>()
            .AddOrchestrator<FanOutOrchestrator>()
            .AddOrchestrator<CounterOrchestrator>()
            .AddOrchestrator<ParentOrchestrator>()
            .AddOrchestrator<TimerOrchestrator>()
            .AddOrchestrator<ApprovalOrchestrator>()
            .AddOrchestrator<CatchingOrchestrator>()
            .AddOrchestrator<UncaughtFailureOrchestrator>()
            .AddOrchestrator<RetryOrchestrator>()
            .AddOrchestrator<WaitForeverOrchestrator>()
            .AddOrchestrator<OrderOrchestrator>()
            .AddOrchestrator<ScopeProbeOrchestrator>(),
            services => services.AddSingleton(Log).AddScoped<ScopedProbe>());
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
