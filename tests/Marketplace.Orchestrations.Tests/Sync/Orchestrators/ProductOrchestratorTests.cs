using System.Collections.Concurrent;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Outbox;
using Microsoft.DurableTask;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync.Orchestrators;

public sealed class ProductOrchestratorTests
{
    [Fact]
    public async Task PushProduct_PushesEveryPlannedPlatform_AndAFailingOneDoesNotFailTheOthers()
    {
        var attempts = new ConcurrentDictionary<Platform, int>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<PushProductOrchestrator>(sp)
            .AddActivityFunc<PushProductInput, ProductPushPlan>(nameof(PlanPushActivity), (_, input) =>
                new ProductPushPlan(input.Sku, 3, [new ListingPush(input.Sku, Platform.Shopify, ListingAction.Upsert), new ListingPush(input.Sku, Platform.Ebay, ListingAction.Upsert)], null))
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity), (_, push) =>
                attempts.AddOrUpdate(push.Platform, 1, (_, n) => n + 1) > 0 && push.Platform == Platform.Ebay
                    ? throw new HttpRequestException("ebay down")
                    : new ListingPushOutcome(push.Platform, push.Action, true, false, "ext-" + push.Sku, null, null)));

        var result = await host.RunAsync<PushProductOrchestrator, ProductPushResult>(new PushProductInput("SKU-9", 3, "edit"));

        result.Version.ShouldBe(3);
        result.Platforms.Select(p => (p.Platform, p.Succeeded)).ShouldBe([(Platform.Shopify, true), (Platform.Ebay, false)]);
        result.Platforms[1].Error.ShouldBe("ebay down");
        attempts[Platform.Ebay].ShouldBe(OrchestratorHost.FastOptions().PlatformRetry.MaxNumberOfAttempts);
        attempts[Platform.Shopify].ShouldBe(1);
    }

    [Fact]
    public async Task PropagateStock_PushesThePlannedQuantity_WithTheOutboxEventId()
    {
        var pushed = new ConcurrentBag<StockPush>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<PropagateStockOrchestrator>(sp)
            .AddActivityFunc<PropagateStockInput, SalePlan>(nameof(PlanStockActivity), (_, input) =>
                new SalePlan(input.Sku, null, 7, true, [new StockPush(input.Sku, Platform.Reverb, StockAction.SetQuantity, 7, input.EventId)], null, null))
            .AddActivityFunc<StockPush, StockPushOutcome>(nameof(PushStockActivity), (_, push) =>
            {
                pushed.Add(push);
                return new StockPushOutcome(push.Platform, push.Action, true, null);
            }));

        var result = await host.RunAsync<PropagateStockOrchestrator, SaleResult>(new PropagateStockInput("SKU-3", 9, Platform.Shopify, "adjust:42"));

        result.EventId.ShouldBe("adjust:42");
        result.Quantity.ShouldBe(7);
        pushed.ShouldHaveSingleItem().ShouldBe(new StockPush("SKU-3", Platform.Reverb, StockAction.SetQuantity, 7, "adjust:42"));
        result.Platforms.ShouldHaveSingleItem().Succeeded.ShouldBeTrue();
    }
}
