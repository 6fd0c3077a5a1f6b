using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.VintageAndRare;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Marketplace.Functions.Durable;

/// <summary>
/// Under the Functions host, the trigger functions of the Vintage &amp; Rare workflow (<see cref="VintageAndRareListingOrchestrator"/>
/// and its activities), one line each like <see cref="SyncOrchestrationFunctions"/> and <see cref="SyncActivityFunctions"/>.
/// </summary>
internal static class VintageAndRareWorkflowFunctions
{
    [Function(nameof(VintageAndRareListingOrchestrator))]
    public static Task<VintageAndRareListingProgress> RunVintageAndRareListingOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<VintageAndRareListingOrchestrator, VintageAndRareListingRequest, VintageAndRareListingProgress>(context, executionContext);

    [Function(nameof(StartVintageAndRareListingActivity))]
    public static Task<ListingPushOutcome> RunStartVintageAndRareListingActivity([ActivityTrigger] ListingPush input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<StartVintageAndRareListingActivity, ListingPush, ListingPushOutcome>(input, instanceId, executionContext);

    [Function(nameof(StartVintageAndRareFollowUpActivity))]
    public static Task<bool> RunStartVintageAndRareFollowUpActivity([ActivityTrigger] VintageAndRareListingRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<StartVintageAndRareFollowUpActivity, VintageAndRareListingRequest, bool>(input, instanceId, executionContext);

    [Function(nameof(CheckVintageAndRareStatusActivity))]
    public static Task<string?> RunCheckVintageAndRareStatusActivity([ActivityTrigger] VintageAndRareStatusCheck input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<CheckVintageAndRareStatusActivity, VintageAndRareStatusCheck, string?>(input, instanceId, executionContext);
}
