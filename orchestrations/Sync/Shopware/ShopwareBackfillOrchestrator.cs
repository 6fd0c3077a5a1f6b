using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Shopware;

/// <summary>
/// Publishes the existing catalog (ACTIVE products) to Shopware in pages: one <see cref="ShopwareBackfillPageActivity"/>
/// per execution, then ContinueAsNew with the cursor and counters, so a killed worker resumes at the last finished page
/// and a page that runs twice writes the same rows again (product ids derive from SKUs): each product is listed once.
/// Progress is the custom status. Input and output: <see cref="ShopwareBackfillState"/>.
/// </summary>
public sealed class ShopwareBackfillOrchestrator(SyncOptions options) : TaskOrchestrator<ShopwareBackfillState, ShopwareBackfillState>
{
    private const int MaxReportedErrors = 100;

    public override async Task<ShopwareBackfillState> RunAsync(TaskOrchestrationContext context, ShopwareBackfillState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var state = input;
        context.SetCustomStatus(state);
        var page = await context.CallActivityAsync<ShopwareBackfillPage>(nameof(ShopwareBackfillPageActivity),
            new ShopwareBackfillPageRequest(state.Cursor, state.BatchSize), options.PlatformTaskOptions());
        state = state with
        {
            Cursor = page.NextCursor,
            Pages = state.Pages + 1,
            Published = state.Published + page.Published.Count,
            Failed = state.Failed + page.Failures.Count,
            Errors = [.. state.Errors.Concat(page.Failures).Take(MaxReportedErrors)],
            Completed = page.NextCursor is null,
        };
        context.SetCustomStatus(state);
        if (!state.Completed)
        {
            context.ContinueAsNew(state);
        }

        return state;
    }
}
