using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.VintageAndRare;

/// <summary>
/// A product's push to Vintage &amp; Rare in the background (started by <see cref="StartVintageAndRareListingActivity"/>
/// so the product's other platforms never wait on the browser): <see cref="PushListingActivity"/> (the browser drives
/// one listing at a time per account, see <c>VintageAndRareBrowser</c>), then, while the new listing awaits V&amp;R's
/// moderation (PENDING), one <see cref="CheckVintageAndRareStatusActivity"/> per durable timer until it is ACTIVE or
/// <see cref="VintageAndRareWorkflowOptions.PendingTimeout"/> has passed (then it is flagged). Each check is a new
/// generation (ContinueAsNew), so the history stays short; the custom status shows the phase. A full sync runs it as a
/// sub-orchestration with <see cref="VintageAndRareListingRequest.FollowUpApart"/>: the follow-up then runs in an instance of its own.
/// </summary>
public sealed class VintageAndRareListingOrchestrator(SyncOptions options, VintageAndRareWorkflowOptions? workflow = null)
    : TaskOrchestrator<VintageAndRareListingRequest, VintageAndRareListingProgress>
{
    private readonly VintageAndRareWorkflowOptions _workflow = workflow ?? new VintageAndRareWorkflowOptions();

    public override async Task<VintageAndRareListingProgress> RunAsync(TaskOrchestrationContext context, VintageAndRareListingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.GiveUpAt is not { } giveUpAt)
        {
            context.SetCustomStatus(new VintageAndRareListingProgress(input.Sku, "push", null, 0, null, input.Push));
            var push = input.Push ?? await PushProductOrchestrator.PushAsync(context, new ListingPush(input.Sku, Platform.VintageAndRare, input.Action), options.PlatformTaskOptions());
            if (!push.Succeeded || input.Action == ListingAction.End)
            {
                return Done(context, new VintageAndRareListingProgress(input.Sku, push.Succeeded ? "done" : "failed", null, 0, null, push));
            }

            if (input.FollowUpApart)
            {
                await context.CallActivityAsync<bool>(nameof(StartVintageAndRareFollowUpActivity), input with { Push = push, FollowUpApart = false },
                    TaskOptions.FromRetryPolicy(options.StorageRetry));
                return Done(context, new VintageAndRareListingProgress(input.Sku, "follow-up", null, 0, null, push));
            }

            var first = await CheckAsync(context, new VintageAndRareStatusCheck(input.Sku));
            return await WaitOrFinishAsync(context, input with { GiveUpAt = context.CurrentUtcDateTime + _workflow.PendingTimeout, Push = push }, first);
        }

        // A new generation starts without a custom status: show the wait again.
        context.SetCustomStatus(new VintageAndRareListingProgress(input.Sku, "moderation", "PENDING", input.Checks, giveUpAt, input.Push));
        await context.CreateTimer(Min(context.CurrentUtcDateTime + _workflow.PollInterval, giveUpAt), CancellationToken.None);
        var last = context.CurrentUtcDateTime >= giveUpAt;
        var status = await CheckAsync(context, new VintageAndRareStatusCheck(input.Sku, last ? _workflow.PendingTimeout : null));
        var next = input with { Checks = input.Checks + 1 };
        return last && status == "PENDING"
            ? Done(context, new VintageAndRareListingProgress(input.Sku, "flagged", status, next.Checks, giveUpAt, input.Push))
            : await WaitOrFinishAsync(context, next, status);
    }

    /// <summary>The listing's status; a check that failed for good (the site down) reads as still PENDING, so the next timer tries again.</summary>
    private async Task<string?> CheckAsync(TaskOrchestrationContext context, VintageAndRareStatusCheck check)
    {
        try
        {
            return await context.CallActivityAsync<string?>(nameof(CheckVintageAndRareStatusActivity), check, options.PlatformTaskOptions());
        }
        catch (TaskFailedException)
        {
            return "PENDING";
        }
    }

    private static Task<VintageAndRareListingProgress> WaitOrFinishAsync(TaskOrchestrationContext context, VintageAndRareListingRequest next, string? status)
    {
        if (status != "PENDING")
        {
            return Task.FromResult(Done(context, new VintageAndRareListingProgress(next.Sku, "done", status, next.Checks, next.GiveUpAt, next.Push)));
        }

        context.SetCustomStatus(new VintageAndRareListingProgress(next.Sku, "moderation", status, next.Checks, next.GiveUpAt, next.Push));
        context.ContinueAsNew(next, preserveUnprocessedEvents: false);
        return Task.FromResult(new VintageAndRareListingProgress(next.Sku, "moderation", status, next.Checks, next.GiveUpAt, next.Push));
    }

    private static VintageAndRareListingProgress Done(TaskOrchestrationContext context, VintageAndRareListingProgress progress)
    {
        context.SetCustomStatus(progress);
        return progress;
    }

    private static DateTime Min(DateTime a, DateTime b) => a <= b ? a : b;
}
