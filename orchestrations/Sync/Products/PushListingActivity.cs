using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// Creates/updates (or ends) a product's listing on one platform (<see cref="ListingPusher"/>): reads the product as
/// it is now and skips a listing that already has its version, so it is safe to repeat.
/// </summary>
public sealed class PushListingActivity(ListingPusher pusher) : TaskActivity<ListingPush, ListingPushOutcome>
{
    public override Task<ListingPushOutcome> RunAsync(TaskActivityContext context, ListingPush input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return pusher.PushAsync(input, context.InstanceId);
    }
}
