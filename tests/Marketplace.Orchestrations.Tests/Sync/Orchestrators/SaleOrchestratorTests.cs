using System.Collections.Concurrent;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync.Orchestrators;

public sealed class SaleOrchestratorTests
{
    private static readonly SaleEvent Sale = new("ebay", "ORD-1", "L1", "SKU-1", 1, 10m, "EUR", DateTimeOffset.UnixEpoch);

    private static SalePlan PlanFor(SaleEvent sale, params Platform[] platforms) =>
        new(sale.Sku, LedgerOutcome.Applied, 0, false, [.. platforms.Select(p => new StockPush(sale.Sku, p, StockAction.End, 0, sale.EventId))], null, null);

    [Fact]
    public async Task Sale_AppliesOnceAndPushesEveryOtherPlatform_WhileRetriesReplayTheOrchestrator()
    {
        var applied = new ConcurrentBag<string>();
        var attempts = new ConcurrentDictionary<Platform, int>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<SaleOrchestrator>(sp)
            .AddActivityFunc<SaleEvent, SalePlan>(nameof(ApplySaleActivity), (context, sale) =>
            {
                applied.Add(context.InstanceId);
                return PlanFor(sale, Platform.Shopify, Platform.Reverb);
            })
            .AddActivityFunc<StockPush, StockPushOutcome>(nameof(PushStockActivity), (_, push) =>
                // Shopify fails twice: each retry is a durable timer, so the orchestrator replays from its history.
                attempts.AddOrUpdate(push.Platform, 1, (_, n) => n + 1) <= 2 && push.Platform == Platform.Shopify
                    ? throw new TimeoutException("shopify slow")
                    : new StockPushOutcome(push.Platform, push.Action, true, null)));

        var result = await host.RunAsync<SaleOrchestrator, SaleResult>(Sale, SaleStarter.InstanceIdFor(Sale));

        applied.ShouldBe([SaleStarter.InstanceIdFor(Sale)]);
        attempts[Platform.Shopify].ShouldBe(3);
        attempts[Platform.Reverb].ShouldBe(1);
        result.EventId.ShouldBe(Sale.EventId);
        result.Outcome.ShouldBe(LedgerOutcome.Applied);
        result.Platforms.Select(p => p.Platform).ShouldBe([Platform.Shopify, Platform.Reverb]);
        result.Platforms.ShouldAllBe(p => p.Succeeded);
    }

    [Fact]
    public async Task LedgerStepFailingLongerThanItsRetries_WaitsAndRunsAgain_ThenCompletes()
    {
        var attempts = 0;
        var options = OrchestratorHost.FastOptions();
        options.SaleRetry = new RetryPolicy(4, TimeSpan.FromMilliseconds(200));
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<SaleOrchestrator>(sp)
            .AddActivityFunc<SaleEvent, SalePlan>(nameof(ApplySaleActivity), (_, sale) =>
                // A storage outage outlasting the three storage retries of the first round and the first of the second.
                Interlocked.Increment(ref attempts) <= 4 ? throw new TimeoutException("storage unavailable") : PlanFor(sale, Platform.Shopify))
            .AddActivityFunc<StockPush, StockPushOutcome>(nameof(PushStockActivity), (_, push) => new StockPushOutcome(push.Platform, push.Action, true, null)),
            options: options);

        var result = await host.RunAsync<SaleOrchestrator, SaleResult>(Sale);

        attempts.ShouldBe(5);
        result.Outcome.ShouldBe(LedgerOutcome.Applied);
        result.Platforms.ShouldHaveSingleItem().Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task LedgerStepFailingEveryRound_FailsTheSale()
    {
        var attempts = 0;
        var options = OrchestratorHost.FastOptions();
        options.SaleRetry = new RetryPolicy(2, TimeSpan.FromMilliseconds(100));
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<SaleOrchestrator>(sp)
            .AddActivityFunc<SaleEvent, SalePlan>(nameof(ApplySaleActivity), SalePlan (TaskActivityContext _, SaleEvent _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new TimeoutException("storage unavailable");
            }),
            options: options);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SaleOrchestrator), Sale);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, timeout.Token);

        done.RuntimeStatus.ShouldBe(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Failed);
        attempts.ShouldBe(6);
    }

    [Fact]
    public async Task PlatformRejection_IsNotRetried_AndDoesNotStopTheOthers()
    {
        var attempts = new ConcurrentDictionary<Platform, int>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<SaleOrchestrator>(sp)
            .AddActivityFunc<SaleEvent, SalePlan>(nameof(ApplySaleActivity), (_, sale) => PlanFor(sale, Platform.Shopify, Platform.Reverb))
            .AddActivityFunc<StockPush, StockPushOutcome>(nameof(PushStockActivity), (_, push) =>
            {
                attempts.AddOrUpdate(push.Platform, 1, (_, n) => n + 1);
                return push.Platform == Platform.Reverb
                    ? throw new PlatformRejectedException("reverb refused: listing not editable", new InvalidOperationException("422"))
                    : new StockPushOutcome(push.Platform, push.Action, true, null);
            }));

        var result = await host.RunAsync<SaleOrchestrator, SaleResult>(Sale);

        attempts[Platform.Reverb].ShouldBe(1);
        var reverb = result.Platforms.Single(p => p.Platform == Platform.Reverb);
        reverb.Succeeded.ShouldBeFalse();
        reverb.Error.ShouldBe("reverb refused: listing not editable");
        result.Platforms.Single(p => p.Platform == Platform.Shopify).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task TransientFailure_AfterAllRetries_IsReportedAsFailedPlatform()
    {
        var attempts = 0;
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<SaleOrchestrator>(sp)
            .AddActivityFunc<SaleEvent, SalePlan>(nameof(ApplySaleActivity), (_, sale) => PlanFor(sale, Platform.Shopify))
            .AddActivityFunc<StockPush, StockPushOutcome>(nameof(PushStockActivity), StockPushOutcome (TaskActivityContext _, StockPush _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new HttpRequestException("503");
            }));

        var result = await host.RunAsync<SaleOrchestrator, SaleResult>(Sale);

        attempts.ShouldBe(OrchestratorHost.FastOptions().PlatformRetry.MaxNumberOfAttempts);
        result.Platforms.ShouldHaveSingleItem().Error.ShouldBe("503");
    }

    [Fact]
    public async Task RejectedSale_PushesNothing()
    {
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<SaleOrchestrator>(sp)
            .AddActivityFunc<SaleEvent, SalePlan>(nameof(ApplySaleActivity), (_, sale) => new SalePlan(sale.Sku, null, 0, false, [], "not in the catalog", null))
            .AddActivityFunc<StockPush, StockPushOutcome>(nameof(PushStockActivity), StockPushOutcome (TaskActivityContext _, StockPush _) => throw new InvalidOperationException("must not push")));

        var result = await host.RunAsync<SaleOrchestrator, SaleResult>(Sale);

        result.Problem.ShouldBe("not in the catalog");
        result.Platforms.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushesSettledByTheLedgerStep_AreNotRunAgain_OnlyTheOneLeftToRetries()
    {
        var pushed = new ConcurrentBag<Platform>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<SaleOrchestrator>(sp)
            .AddActivityFunc<SaleEvent, SalePlan>(nameof(ApplySaleActivity), (_, sale) => PlanFor(sale, Platform.Shopify, Platform.Reverb, Platform.Ebay) with
            {
                // Shopify done inline, Reverb refused for good inline, eBay failed inline for a reason a retry may fix.
                Settled =
                [
                    new StockPushOutcome(Platform.Shopify, StockAction.End, true, null),
                    new StockPushOutcome(Platform.Reverb, StockAction.End, false, "reverb refused"),
                ],
            })
            .AddActivityFunc<StockPush, StockPushOutcome>(nameof(PushStockActivity), (_, push) =>
            {
                pushed.Add(push.Platform);
                return new StockPushOutcome(push.Platform, push.Action, true, null);
            }));

        var result = await host.RunAsync<SaleOrchestrator, SaleResult>(Sale);

        pushed.ShouldBe([Platform.Ebay]);
        result.Platforms.Select(p => (p.Platform, p.Succeeded)).ShouldBe([(Platform.Shopify, true), (Platform.Reverb, false), (Platform.Ebay, true)]);
        result.Platforms.Single(p => p.Platform == Platform.Reverb).Error.ShouldBe("reverb refused");
    }
}
