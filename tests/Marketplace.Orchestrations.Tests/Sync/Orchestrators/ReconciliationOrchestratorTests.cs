using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync.Orchestrators;

public sealed class ReconciliationOrchestratorTests
{
    [Fact]
    public async Task Run_MovesTheCursorOfEveryPlatformThatPassed_AndKeepsTheFailedOnesCursor()
    {
        var old = new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);
        var requests = new System.Collections.Concurrent.ConcurrentBag<PlatformReconciliationRequest>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<ReconciliationOrchestrator>(sp)
            .AddActivityFunc<PlatformReconciliationRequest, PlatformReconciliation>(nameof(ReconcilePlatformActivity), (_, request) =>
            {
                requests.Add(request);
                return request.Platform == Platform.Ebay
                    ? throw new HttpRequestException("ebay down")
                    : new PlatformReconciliation(request.Platform, 1, [], null);
            }), services => services.AddSingleton(new SyncConnectors([Connector("shopify"), Connector("ebay")])));

        var result = await host.RunAsync<ReconciliationOrchestrator, ReconciliationResult>(
            new ReconciliationInput(new Dictionary<Platform, DateTime> { [Platform.Shopify] = old, [Platform.Ebay] = old }, "test"));

        var shopify = requests.First(q => q.Platform == Platform.Shopify);
        shopify.Since.ShouldBe(old - TimeSpan.FromMinutes(5));
        result.Cursors[Platform.Shopify].ShouldBe(shopify.Until!.Value);
        result.Cursors[Platform.Shopify].ShouldBeGreaterThan(old);
        result.Cursors[Platform.Ebay].ShouldBe(old);
        result.Platforms.Single(p => p.Platform == Platform.Ebay).Error.ShouldBe("ebay down");
        result.Platforms.Single(p => p.Platform == Platform.Shopify).SalesStarted.ShouldBe(1);
    }

    private static IMarketplaceConnector Connector(string platform)
    {
        var connector = Substitute.For<IMarketplaceConnector>();
        connector.Platform.Returns(platform);
        return connector;
    }
}
