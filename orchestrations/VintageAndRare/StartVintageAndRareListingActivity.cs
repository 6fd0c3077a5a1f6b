using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Products;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.VintageAndRare;

/// <summary>
/// Hands a product's Vintage &amp; Rare push to <see cref="VintageAndRareListingOrchestrator"/> and returns at once: the
/// browser step runs in the background. Started once per calling instance (<c>{instance}:vintageandrare</c>), so a
/// repeated call starts nothing new. The outcome is a success with no id yet: the background instance's status and the listing's attempt log tell how it went.
/// </summary>
public sealed class StartVintageAndRareListingActivity(DurableTaskClient client) : TaskActivity<ListingPush, ListingPushOutcome>
{
    public override async Task<ListingPushOutcome> RunAsync(TaskActivityContext context, ListingPush input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var instanceId = InstanceIdFor(context.InstanceId);
        await client.StartOnceAsync(nameof(VintageAndRareListingOrchestrator), new VintageAndRareListingRequest(input.Sku, input.Action), instanceId, CancellationToken.None);
        return new ListingPushOutcome(input.Platform, input.Action, true, false, null, null, null);
    }

    /// <summary>The background instance a push orchestration starts.</summary>
    public static string InstanceIdFor(string parentInstanceId) => parentInstanceId + ":vintageandrare";
}
