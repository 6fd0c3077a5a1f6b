using Marketplace.Orchestrations.Sync;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.VintageAndRare;

/// <summary>
/// Starts the moderation follow-up of a listing pushed by a <see cref="VintageAndRareListingOrchestrator"/> that runs it apart
/// (a full sync's sub-orchestration): a new <see cref="VintageAndRareListingOrchestrator"/> instance, <c>{instance}:followup</c>,
/// whose request carries the push's outcome. Started once: a repeated call starts nothing new. True when this call started it.
/// </summary>
public sealed class StartVintageAndRareFollowUpActivity(DurableTaskClient client) : TaskActivity<VintageAndRareListingRequest, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, VintageAndRareListingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return client.StartOnceAsync(nameof(VintageAndRareListingOrchestrator), input, InstanceIdFor(context.InstanceId), CancellationToken.None);
    }

    /// <summary>The follow-up instance a pushing instance starts.</summary>
    public static string InstanceIdFor(string pushingInstanceId) => pushingInstanceId + ":followup";
}
