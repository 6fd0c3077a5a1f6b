using Marketplace.Orchestrations.Operations.Alerts;
using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Sync.ShippingProfiles;
using Marketplace.Shared.Operations.Alerts;
using Marketplace.Shared.Catalog;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Marketplace.Functions.Durable;

/// <summary>
/// Under the Functions host, the trigger functions of the shop operations (image checks, shipping-profile audits, sale alerts), one line each like
/// <see cref="SyncOrchestrationFunctions"/> and <see cref="SyncActivityFunctions"/>.
/// </summary>
internal static class OperationsWorkflowFunctions
{
    [Function(nameof(ImageRemediationOrchestrator))]
    public static Task<ImageRemediationReport> RunImageRemediationOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ImageRemediationOrchestrator, ImageRemediationInput, ImageRemediationReport>(context, executionContext);

    [Function(nameof(ListImageCandidatesActivity))]
    public static Task<IReadOnlyList<string>> RunListImageCandidatesActivity([ActivityTrigger] Platform input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ListImageCandidatesActivity, Platform, IReadOnlyList<string>>(input, instanceId, executionContext);

    [Function(nameof(CheckListingImagesActivity))]
    public static Task<IReadOnlyList<ImageCheckResult>> RunCheckListingImagesActivity([ActivityTrigger] ImageCheckChunk input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<CheckListingImagesActivity, ImageCheckChunk, IReadOnlyList<ImageCheckResult>>(input, instanceId, executionContext);

    [Function(nameof(ShippingProfileAuditOrchestrator))]
    public static Task<ShippingProfileAuditReport> RunShippingProfileAuditOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ShippingProfileAuditOrchestrator, ShippingProfileAuditInput, ShippingProfileAuditReport>(context, executionContext);

    [Function(nameof(FindShippingDriftActivity))]
    public static Task<IReadOnlyList<ShippingProfileDrift>> RunFindShippingDriftActivity([ActivityTrigger] ShippingProfileChunk input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<FindShippingDriftActivity, ShippingProfileChunk, IReadOnlyList<ShippingProfileDrift>>(input, instanceId, executionContext);

    [Function(nameof(FixShippingDriftActivity))]
    public static Task<IReadOnlyList<ShippingProfileFix>> RunFixShippingDriftActivity([ActivityTrigger] ShippingProfileFixChunk input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<FixShippingDriftActivity, ShippingProfileFixChunk, IReadOnlyList<ShippingProfileFix>>(input, instanceId, executionContext);

    [Function(nameof(SaleAlertOrchestrator))]
    public static Task<bool> RunSaleAlertOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<SaleAlertOrchestrator, SaleAlert, bool>(context, executionContext);

    [Function(nameof(QueueSaleAlertActivity))]
    public static Task<bool> RunQueueSaleAlertActivity([ActivityTrigger] SaleAlertRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<QueueSaleAlertActivity, SaleAlertRequest, bool>(input, instanceId, executionContext);

    [Function(nameof(SendSaleAlertActivity))]
    public static Task<bool> RunSendSaleAlertActivity([ActivityTrigger] SaleAlert input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<SendSaleAlertActivity, SaleAlert, bool>(input, instanceId, executionContext);
}
