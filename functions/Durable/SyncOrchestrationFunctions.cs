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
/// Under the Functions host, one orchestration trigger per orchestrator of <see cref="Orchestrations.Sync.SyncWorkflows"/>,
/// named after its class (the name the workflows call it by). Each builds the orchestrator class from the app's
/// services and runs it on the extension's context; standalone, the Durable Task Framework runs the same classes
/// directly, so these wrappers stay one line each.
/// </summary>
internal static class SyncOrchestrationFunctions
{
    [Function(nameof(SaleOrchestrator))]
    public static Task<SaleResult> RunSaleOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<SaleOrchestrator, SaleEvent, SaleResult>(context, executionContext);

    [Function(nameof(ReturnOrchestrator))]
    public static Task<SaleResult> RunReturnOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ReturnOrchestrator, SaleEvent, SaleResult>(context, executionContext);

    [Function(nameof(PushProductOrchestrator))]
    public static Task<ProductPushResult> RunPushProductOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PushProductOrchestrator, PushProductInput, ProductPushResult>(context, executionContext);

    [Function(nameof(PropagateStockOrchestrator))]
    public static Task<SaleResult> RunPropagateStockOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PropagateStockOrchestrator, PropagateStockInput, SaleResult>(context, executionContext);

    [Function(nameof(FullSyncOrchestrator))]
    public static Task<FullSyncState> RunFullSyncOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<FullSyncOrchestrator, FullSyncState, FullSyncState>(context, executionContext);

    [Function(nameof(ReconciliationOrchestrator))]
    public static Task<ReconciliationResult> RunReconciliationOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ReconciliationOrchestrator, ReconciliationInput, ReconciliationResult>(context, executionContext);

    [Function(nameof(ShopwareBackfillOrchestrator))]
    public static Task<ShopwareBackfillState> RunShopwareBackfillOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ShopwareBackfillOrchestrator, ShopwareBackfillState, ShopwareBackfillState>(context, executionContext);

    [Function(nameof(ApplyQuantityRuleOrchestrator))]
    public static Task<QuantityRuleResult> RunApplyQuantityRuleOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ApplyQuantityRuleOrchestrator, QuantityRuleChange, QuantityRuleResult>(context, executionContext);
}
