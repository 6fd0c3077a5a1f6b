using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.Products;

public sealed partial class ListingPusher
{
    /// <summary>
    /// The upserts of <paramref name="pushes"/> for platforms whose connector writes in batches
    /// (<see cref="IMarketplaceBatchConnector"/>, at least two of them): one batch call per platform instead of one call
    /// per listing, with the same version skip and attempt records as <see cref="PushAsync(ListingPush, string, CancellationToken)"/> (no create claims: a batch
    /// connector's creates are repeatable by SKU). Outcomes by index in <paramref name="pushes"/>; the rest is left to
    /// <see cref="PushAsync(ListingPush, string, CancellationToken)"/>. A refused row is final; a batch that failed as a whole may be retried push by push.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ChunkPushOutcome>> PushBatchesAsync(IReadOnlyList<ListingPush> pushes, string correlationId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        var outcomes = new Dictionary<int, ChunkPushOutcome>();
        var groups = pushes.Select((push, index) => (Push: push, Index: index))
            .Where(p => p.Push.Action == ListingAction.Upsert)
            .GroupBy(p => p.Push.Platform)
            .Where(g => g.Count() > 1 && connectors.TryGet(g.Key, out var connector) && connector is IMarketplaceBatchConnector);
        foreach (var group in groups)
        {
            var batch = (IMarketplaceBatchConnector)connectors.Get(group.Key);
            var rule = await quantityRules.GetAsync(group.Key, cancellationToken);
            var pending = new List<(int Index, ListingPush Push, Listing? Listing, Product Product)>();
            var drafts = new List<ListingDraft>();
            foreach (var (push, index) in group)
            {
                var listing = await listings.GetAsync(push.Sku, push.Platform, cancellationToken);
                if (await catalog.GetAsync(push.Sku, cancellationToken) is not { } product)
                {
                    // Left to the single push, which reports it.
                    continue;
                }

                if (!push.Force && listing?.LastPushedVersion >= product.Version)
                {
                    outcomes[index] = new ChunkPushOutcome(push.Sku, new ListingPushOutcome(push.Platform, push.Action, true, true, listing.ExternalId, listing.Url, null), false);
                    continue;
                }

                var pushed = WithPlatformOwnedFields(product, listing);
                ListingDraft draft;
                try
                {
                    draft = ListingDraftMapper.ToDraft(pushed, group.Key, categories, ImageUrl, rule);
                }
                catch (InvalidOperationException)
                {
                    // Left to the single push, which records why.
                    continue;
                }

                pending.Add((index, push, listing, pushed));
                drafts.Add(draft);
            }

            if (pending.Count == 0)
            {
                continue;
            }

            IReadOnlyList<BatchItemResult> results;
            try
            {
                results = await batch.UpsertListingsAsync(drafts, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var retryable = PlatformRejectedException.From(ex) is null;
                results = [.. pending.Select(p => new BatchItemResult(p.Push.Sku, null, $"{ex.GetType().Name}: {ex.Message}"))];
                await RecordBatchAsync(pending, results, retryable, correlationId, outcomes);
                continue;
            }

            await RecordBatchAsync(pending, results, false, correlationId, outcomes);
        }

        return outcomes;
    }

    private async Task RecordBatchAsync(List<(int Index, ListingPush Push, Listing? Listing, Product Product)> pending, IReadOnlyList<BatchItemResult> results,
        bool retryable, string correlationId, Dictionary<int, ChunkPushOutcome> outcomes)
    {
        var actor = new CatalogActor("sync", correlationId);
        foreach (var ((index, push, listing, product), result) in pending.Zip(results))
        {
            var reference = result.Reference;
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = push.Sku, Platform = push.Platform, Operation = listing?.ExternalId is null ? "create" : "update", Succeeded = result.Succeeded,
                Version = product.Version, ExternalId = reference?.ExternalId, Url = reference?.Url?.ToString(), RemoteStatus = reference?.Status, Shops = reference?.Shops,
                RemoteSnapshot = result.Succeeded ? PullDiff.Baseline(product) : null, Error = result.Error,
            }, actor, CancellationToken.None);
            outcomes[index] = new ChunkPushOutcome(push.Sku,
                new ListingPushOutcome(push.Platform, push.Action, result.Succeeded, false, reference?.ExternalId, reference?.Url?.ToString(), result.Error),
                !result.Succeeded && retryable);
        }
    }
}
