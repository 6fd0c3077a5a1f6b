using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Orchestrations.Sync.QuantityRules;
using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Orchestrations.Sync.Shopware;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Marketplaces;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Marketplace.Functions.Durable;

/// <summary>
/// Under the Functions host, one activity trigger per activity of <see cref="Orchestrations.Sync.SyncWorkflows"/>, named
/// after its class. Each call builds the activity in the invocation's service scope (as the standalone runtime does
/// per call) and runs it with the orchestration's instance id, which its idempotency keys use.
/// </summary>
internal static class SyncActivityFunctions
{
    [Function(nameof(ApplySaleActivity))]
    public static Task<SalePlan> RunApplySaleActivity([ActivityTrigger] SaleEvent input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ApplySaleActivity, SaleEvent, SalePlan>(input, instanceId, executionContext);

    [Function(nameof(PushStockActivity))]
    public static Task<StockPushOutcome> RunPushStockActivity([ActivityTrigger] StockPush input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PushStockActivity, StockPush, StockPushOutcome>(input, instanceId, executionContext);

    [Function(nameof(PlanPushActivity))]
    public static Task<ProductPushPlan> RunPlanPushActivity([ActivityTrigger] PushProductInput input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PlanPushActivity, PushProductInput, ProductPushPlan>(input, instanceId, executionContext);

    [Function(nameof(PushListingActivity))]
    public static Task<ListingPushOutcome> RunPushListingActivity([ActivityTrigger] ListingPush input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PushListingActivity, ListingPush, ListingPushOutcome>(input, instanceId, executionContext);

    [Function(nameof(PushListingsActivity))]
    public static Task<IReadOnlyList<ChunkPushOutcome>> RunPushListingsActivity([ActivityTrigger] IReadOnlyList<ListingPush> input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PushListingsActivity, IReadOnlyList<ListingPush>, IReadOnlyList<ChunkPushOutcome>>(input, instanceId, executionContext);

    [Function(nameof(PlanStockActivity))]
    public static Task<SalePlan> RunPlanStockActivity([ActivityTrigger] PropagateStockInput input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PlanStockActivity, PropagateStockInput, SalePlan>(input, instanceId, executionContext);

    [Function(nameof(CountProductsActivity))]
    public static Task<int> RunCountProductsActivity([ActivityTrigger] FullSyncRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<CountProductsActivity, FullSyncRequest, int>(input, instanceId, executionContext);

    [Function(nameof(ReadSyncPageActivity))]
    public static Task<SyncPage> RunReadSyncPageActivity([ActivityTrigger] SyncPageRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ReadSyncPageActivity, SyncPageRequest, SyncPage>(input, instanceId, executionContext);

    [Function(nameof(ShopifyBulkPushActivity))]
    public static Task<IReadOnlyList<BulkOutcome>> RunShopifyBulkPushActivity([ActivityTrigger] IReadOnlyList<string> input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ShopifyBulkPushActivity, IReadOnlyList<string>, IReadOnlyList<BulkOutcome>>(input, instanceId, executionContext);

    [Function(nameof(StartPullActivity))]
    public static Task<IReadOnlyList<PullPlatformStart>> RunStartPullActivity([ActivityTrigger] FullSyncRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<StartPullActivity, FullSyncRequest, IReadOnlyList<PullPlatformStart>>(input, instanceId, executionContext);

    [Function(nameof(CountRemoteActivity))]
    public static Task<int> RunCountRemoteActivity([ActivityTrigger] PullCountRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<CountRemoteActivity, PullCountRequest, int>(input, instanceId, executionContext);

    [Function(nameof(PullPageActivity))]
    public static Task<PullPageResult> RunPullPageActivity([ActivityTrigger] PullPageRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PullPageActivity, PullPageRequest, PullPageResult>(input, instanceId, executionContext);

    [Function(nameof(FindMissingActivity))]
    public static Task<IReadOnlyList<PullChange>> RunFindMissingActivity([ActivityTrigger] PullMissingRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<FindMissingActivity, PullMissingRequest, IReadOnlyList<PullChange>>(input, instanceId, executionContext);

    [Function(nameof(ReconcilePlatformActivity))]
    public static Task<PlatformReconciliation> RunReconcilePlatformActivity([ActivityTrigger] PlatformReconciliationRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ReconcilePlatformActivity, PlatformReconciliationRequest, PlatformReconciliation>(input, instanceId, executionContext);

    [Function(nameof(ShopwareBackfillPageActivity))]
    public static Task<ShopwareBackfillPage> RunShopwareBackfillPageActivity([ActivityTrigger] ShopwareBackfillPageRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ShopwareBackfillPageActivity, ShopwareBackfillPageRequest, ShopwareBackfillPage>(input, instanceId, executionContext);

    [Function(nameof(PlanQuantityRuleActivity))]
    public static Task<QuantityRulePlan> RunPlanQuantityRuleActivity([ActivityTrigger] QuantityRuleChange input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PlanQuantityRuleActivity, QuantityRuleChange, QuantityRulePlan>(input, instanceId, executionContext);
}
