using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Orchestrations.VintageAndRare;
using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.FullSync;

/// <summary>
/// Full sync. PULL and BIDIRECTIONAL first run the pull phase (<see cref="PullPhase"/>: platforms' differences
/// into change sets, page by page); BIDIRECTIONAL then pushes. Push: one page of products per execution, the cursor and counters carried to the next execution with
/// ContinueAsNew, so a crash resumes at the last finished page and progress never goes backwards. Per page, each
/// platform's changes run in chunks of <see cref="SyncOptions.PushChunkSize"/> per activity, a change that failed in its chunk then as its own activity with retries (connectors are idempotent by SKU, so a repeated page never creates
/// a second listing); Shopify changes go through one bulk import per page when there are at least
/// <see cref="SyncOptions.ShopifyBulkThreshold"/> of them; Vintage &amp; Rare changes run one at a time, its creates through
/// its listing workflow (<see cref="VintageAndRareFullSyncPushes"/>: then the moderation follow-up); a failing platform only counts errors. A dry run reports the changes and makes none.
/// </summary>
/// <remarks>Input: a <see cref="FullSyncState"/> (a new one holds only the request). The connected platforms and whether the Shopify bulk path exists are configuration, fixed per process.</remarks>
public sealed class FullSyncOrchestrator(SyncOptions options, SyncConnectors connectors, IServiceProvider services) : TaskOrchestrator<FullSyncState, FullSyncState>
{
    private const int MaxReportedChanges = 1000;

    public override async Task<FullSyncState> RunAsync(TaskOrchestrationContext context, FullSyncState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var state = input;
        var connected = connectors.Platforms;
        var useShopifyBulk = ShopifyBulkPushActivity.IsAvailable(services);
        if (state.Request.Direction != SyncDirection.Push && state.Pull is not { Completed: true })
        {
            state = await PullPhase.RunPageAsync(context, state, options);
            var pulled = state.Pull!.Completed;
            state = state with { Completed = pulled && state.Request.Direction == SyncDirection.Pull };
            context.SetCustomStatus(state with { Pull = state.Pull with { Changes = [] }, Changes = [] });
            if (!state.Completed)
            {
                // Next pull page, or (BIDIRECTIONAL, pull done) the push phase in a fresh execution.
                context.ContinueAsNew(state);
            }

            return state;
        }

        var storage = TaskOptions.FromRetryPolicy(options.StorageRetry);
        if (state.StartedAt is null)
        {
            var platforms = state.Request.Platforms.Count == 0 ? connected : [.. state.Request.Platforms.Where(connected.Contains)];
            var count = await context.CallActivityAsync<int>(nameof(CountProductsActivity), state.Request, storage);
            state = state with { StartedAt = context.CurrentUtcDateTime, Total = count, Platforms = platforms };
        }

        // Each execution starts with an empty custom status: publish the checkpoint at once so progress never reads as reset.
        context.SetCustomStatus(state with { Pull = state.Pull is null ? null : state.Pull with { Changes = [] }, Changes = [] });

        var page = await context.CallActivityAsync<SyncPage>(nameof(ReadSyncPageActivity), new SyncPageRequest(state.Request, state.Platforms, state.Cursor), storage);
        var perPlatform = new Dictionary<Platform, PlatformProgress>(state.PerPlatform);
        var errors = state.Errors.ToList();
        if (!state.Request.DryRun && page.Changes.Count > 0)
        {
            var retry = options.PlatformTaskOptions();
            var bulk = useShopifyBulk && page.Changes.Count(c => c.Platform == Platform.Shopify) >= options.ShopifyBulkThreshold
                ? page.Changes.Where(c => c.Platform == Platform.Shopify).ToList()
                : [];
            var vintageAndRare = page.Changes.Where(VintageAndRareFullSyncPushes.Applies).ToList();
            var single = page.Changes.Except(bulk).Except(vintageAndRare).ToList();
            var singleTask = PushChunksAsync(context, single, options.PushChunkSize, retry);
            var bulkTask = bulk.Count == 0 ? Task.FromResult<IReadOnlyList<BulkOutcome>>([]) : BulkAsync(context, bulk, retry);
            var vintageAndRareTask = VintageAndRareFullSyncPushes.PushAsync(context, vintageAndRare, retry);
            await Task.WhenAll(singleTask, bulkTask, vintageAndRareTask);
            var bySku = bulkTask.Result.ToDictionary(o => o.Sku, StringComparer.Ordinal);
            var ordered = single.Zip(singleTask.Result.Select(o => (o.Succeeded, o.Error)))
                .Concat(vintageAndRare.Zip(vintageAndRareTask.Result.Select(o => (o.Succeeded, o.Error))))
                .Concat(bulk.Select(c => (c, bySku.TryGetValue(c.Sku, out var o) ? (o.Succeeded, o.Error) : (false, "missing from the bulk result"))));
            foreach (var (change, (succeeded, error)) in ordered)
            {
                var p = perPlatform.GetValueOrDefault(change.Platform, new PlatformProgress(0, 0, 0));
                perPlatform[change.Platform] = !succeeded ? p with { Failed = p.Failed + 1 }
                    : change.Action == "create" ? p with { Created = p.Created + 1 } : p with { Updated = p.Updated + 1 };
                if (!succeeded && errors.Count < 100)
                {
                    errors.Add($"{change.Sku} on {change.Platform.ToWire()}: {error}");
                }
            }
        }

        var done = state.Done + page.Products;
        var elapsed = context.CurrentUtcDateTime - state.StartedAt!.Value;
        state = state with
        {
            Cursor = page.NextCursor,
            Pages = state.Pages + 1,
            Done = done,
            PerPlatform = perPlatform,
            Errors = errors,
            ChangeCount = state.ChangeCount + page.Changes.Count,
            Changes = [.. state.Changes, .. page.Changes.Take(Math.Max(0, MaxReportedChanges - state.Changes.Count))],
            EtaUtc = done > 0 && state.Total is { } total && total > done ? context.CurrentUtcDateTime + (elapsed / done * (total - done)) : null,
            Completed = page.NextCursor is null,
        };
        context.SetCustomStatus(state with { Pull = state.Pull is null ? null : state.Pull with { Changes = [] }, Changes = [] });
        if (page.NextCursor is not null)
        {
            context.ContinueAsNew(state);
        }

        return state;
    }

    private static async Task<IReadOnlyList<BulkOutcome>> BulkAsync(TaskOrchestrationContext context, IReadOnlyList<SyncChange> changes, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<IReadOnlyList<BulkOutcome>>(nameof(ShopifyBulkPushActivity), changes.Select(c => c.Sku).ToList(), retry);
        }
        catch (TaskFailedException ex)
        {
            return [.. changes.Select(c => new BulkOutcome(c.Sku, false, ex.FailureDetails.ErrorMessage))];
        }
    }

    /// <summary>
    /// The per-item pushes of a page, each platform's in chunks of <paramref name="chunkSize"/> per activity call; a push
    /// that failed in its chunk for a reason a retry may fix gets its own activity with the retry policy. Outcomes in
    /// the order of <paramref name="changes"/>.
    /// </summary>
    private static async Task<ListingPushOutcome[]> PushChunksAsync(TaskOrchestrationContext context, IReadOnlyList<SyncChange> changes, int chunkSize, TaskOptions retry)
    {
        if (chunkSize <= 1)
        {
            return await Task.WhenAll(changes.Select(change => PushAsync(context, change, retry)));
        }

        var chunks = changes.Select((change, index) => (change, index))
            .GroupBy(c => c.change.Platform)
            .SelectMany(platform => platform.Chunk(chunkSize))
            .ToList();
        var results = await Task.WhenAll(chunks.Select(chunk => PushChunkAsync(context, chunk.Select(c => c.change).ToList(), retry)));
        var outcomes = new ListingPushOutcome[changes.Count];
        foreach (var (chunk, result) in chunks.Zip(results))
        {
            foreach (var ((_, index), outcome) in chunk.Zip(result))
            {
                outcomes[index] = outcome;
            }
        }

        return outcomes;
    }

    private static async Task<ListingPushOutcome[]> PushChunkAsync(TaskOrchestrationContext context, IReadOnlyList<SyncChange> chunk, TaskOptions retry)
    {
        IReadOnlyList<ChunkPushOutcome> outcomes;
        try
        {
            var pushes = chunk.Select(c => new ListingPush(c.Sku, c.Platform, ListingAction.Upsert)).ToList();
            outcomes = await context.CallActivityAsync<IReadOnlyList<ChunkPushOutcome>>(nameof(PushListingsActivity), pushes, retry);
        }
        catch (TaskFailedException)
        {
            // The chunk itself failed (its worker's storage, say): every push of it gets its own retries.
            return await Task.WhenAll(chunk.Select(change => PushAsync(context, change, retry)));
        }

        return await Task.WhenAll(chunk.Zip(outcomes).Select(pair => pair.Second.Retryable
            ? PushAsync(context, pair.First, retry)
            : Task.FromResult(pair.Second.Outcome)));
    }

    private static async Task<ListingPushOutcome> PushAsync(TaskOrchestrationContext context, SyncChange change, TaskOptions retry)
    {
        var push = new ListingPush(change.Sku, change.Platform, ListingAction.Upsert);
        try
        {
            return await context.CallActivityAsync<ListingPushOutcome>(nameof(PushListingActivity), push, retry);
        }
        catch (TaskFailedException ex)
        {
            return new ListingPushOutcome(change.Platform, ListingAction.Upsert, false, false, null, null, ex.FailureDetails.ErrorMessage);
        }
    }
}
