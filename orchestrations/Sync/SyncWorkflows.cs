using Marketplace.Orchestrations.Operations.Alerts;
using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Operations.StaleStock;
using Marketplace.Orchestrations.Operations.Stats;
using Marketplace.Orchestrations.Photos;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Orchestrations.Sync.QuantityRules;
using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Orchestrations.Sync.Shopware;
using Marketplace.Orchestrations.VintageAndRare;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Orchestrations.Sync;

/// <summary>
/// Every orchestrator and activity of the sync workflows: the one list both hosts register (standalone through
/// <see cref="AddSyncWorkflows(DurableTaskRegistry, IServiceProvider)"/>, under the Functions host as one trigger function
/// each). Each is registered under its class name, which is how the workflows call it (<c>nameof</c>). Orchestrators
/// take deterministic configuration (<see cref="SyncOptions"/>, <see cref="SyncConnectors"/>) by constructor and are
/// built with <see cref="ActivatorUtilities"/>; activities take their dependencies by constructor, one DI scope per call.
/// </summary>
public static class SyncWorkflows
{
    /// <summary>The orchestrator classes (<see cref="TaskOrchestrator{TInput, TOutput}"/>).</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(SaleOrchestrator),
        typeof(ReturnOrchestrator),
        typeof(PushProductOrchestrator),
        typeof(PropagateStockOrchestrator),
        typeof(FullSyncOrchestrator),
        typeof(ReconciliationOrchestrator),
        typeof(ShopwareBackfillOrchestrator),
        typeof(PhotoMatchOrchestrator),
        typeof(ApplyQuantityRuleOrchestrator),
        typeof(VintageAndRareListingOrchestrator),
        typeof(ImageRemediationOrchestrator),
        typeof(SaleAlertOrchestrator),
        typeof(StaleStockOrchestrator),
        typeof(PlatformStatsOrchestrator),
        typeof(ShippingProfiles.ShippingProfileAuditOrchestrator),
    ];

    /// <summary>The activity classes (<see cref="TaskActivity{TInput, TOutput}"/>).</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(ApplySaleActivity),
        typeof(PushStockActivity),
        typeof(PlanPushActivity),
        typeof(PushListingActivity),
        typeof(PushListingsActivity),
        typeof(PlanStockActivity),
        typeof(CountProductsActivity),
        typeof(ReadSyncPageActivity),
        typeof(ShopifyBulkPushActivity),
        typeof(StartPullActivity),
        typeof(CountRemoteActivity),
        typeof(PullPageActivity),
        typeof(FindMissingActivity),
        typeof(ReconcilePlatformActivity),
        typeof(ShopwareBackfillPageActivity),
        typeof(LoadPhotoBatchActivity),
        typeof(ReadPhotoTextActivity),
        typeof(MatchPhotoBatchActivity),
        typeof(CreatePhotoDraftActivity),
        typeof(RecordPhotoBatchActivity),
        typeof(PlanQuantityRuleActivity),
        typeof(StartVintageAndRareListingActivity),
        typeof(StartVintageAndRareFollowUpActivity),
        typeof(CheckVintageAndRareStatusActivity),
        typeof(ListImageCandidatesActivity),
        typeof(CheckListingImagesActivity),
        typeof(QueueSaleAlertActivity),
        typeof(SendSaleAlertActivity),
        typeof(ApplyStalePolicyActivity),
        typeof(PullListingStatsActivity),
        typeof(ShippingProfiles.FindShippingDriftActivity),
        typeof(ShippingProfiles.FixShippingDriftActivity),
    ];

    /// <summary>
    /// Adds <see cref="Orchestrators"/> and <see cref="Activities"/> to <paramref name="registry"/>, each under its class
    /// name: orchestrators built from <paramref name="services"/> per execution (the SDK's own type registration
    /// needs a parameterless constructor), activities from the worker's scope per call.
    /// </summary>
    public static DurableTaskRegistry AddSyncWorkflows(this DurableTaskRegistry registry, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator.Name, () => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, orchestrator));
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity.Name, activity);
        }

        return registry;
    }
}
