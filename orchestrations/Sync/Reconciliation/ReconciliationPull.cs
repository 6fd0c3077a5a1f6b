using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.Reconciliation;

/// <summary>
/// The drift pass of reconciliation: an incremental pull of one platform from its stored cursor (shared with
/// INCREMENTAL full pulls). Per listing, first the repairs the catalog owns: a live listing of a sold, archived or
/// sold-out one-off item is ended; a platform showing more stock than the catalog gets the catalog's quantity. Then
/// the rest goes through <see cref="PullStager"/> (title, description, price, lower quantity: applied or staged by
/// the change-set rules; links, status, extra listings recorded). Quantity is not staged for SKUs with a sale in
/// the order pull (the sale path moves the stock). Every repair is an attempt on the listing and in the audit trail.
/// The cursor moves after each batch without failures and stays put once one failed.
/// </summary>
public sealed class ReconciliationPull(SyncReaders readers, PullStager stager, PullCursorStore cursors, ProductCatalog catalog, ListingStore listings,
    QuantityRuleStore quantityRules)
{
    private const int BatchSize = 200;

    /// <summary>
    /// The drift found on <paramref name="platform"/> since its pull cursor (before the first pull: since
    /// <paramref name="since"/>, the order cursor, rather than a full pull) and what was done; empty when the platform has no reader.
    /// </summary>
    public async Task<IReadOnlyList<ListingDrift>> ReconcileAsync(Platform platform, IMarketplaceConnector connector, IReadOnlySet<string> soldSkus,
        DateTimeOffset since, DateTimeOffset until, CatalogActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(soldSkus);
        if (!readers.TryGet(platform, out var reader))
        {
            return [];
        }

        var drift = new List<ListingDrift>();
        var cursor = await cursors.GetAsync(platform, cancellationToken) ?? new PullCursor(since, string.Empty, string.Empty);
        var held = false;
        bool more;
        do
        {
            var (batch, hasMore) = await ListingWindow.ReadBatchAsync(reader, cursor, until, BatchSize, cancellationToken);
            more = hasMore;
            foreach (var remote in batch)
            {
                var found = await ReconcileListingAsync(platform, connector, remote, soldSkus.Contains(remote.Sku), actor, cancellationToken);
                held |= found.Any(d => d.Resolution == "failed");
                drift.AddRange(found);
            }

            if (batch.Count > 0)
            {
                cursor = ListingWindow.KeyOf(batch[^1]);
                if (!held)
                {
                    await cursors.AdvanceAsync(platform, cursor, cancellationToken);
                }
            }
        }
        while (more);

        return drift;
    }

    private async Task<IReadOnlyList<ListingDrift>> ReconcileListingAsync(Platform platform, IMarketplaceConnector connector, RemoteListing remote, bool saleInFlight,
        CatalogActor actor, CancellationToken cancellationToken)
    {
        var drift = new List<ListingDrift>();
        var product = await catalog.GetAsync(remote.Sku, cancellationToken);
        var live = ListingStatuses.TryNormalize(remote.Status, out var status) && status == ListingStatus.Active;
        if (product is not null && live)
        {
            var soldHere = product.Status is ProductStatus.Sold or ProductStatus.Archived || (product is { Stocked: false, Quantity: 0, Status: not ProductStatus.Draft });
            if (soldHere)
            {
                var ended = await RepairAsync(platform, remote.Sku, "end", () => connector.EndListingAsync(remote.Sku, "sold or withdrawn in the catalog (reconciliation)", cancellationToken),
                    "ENDED", actor, cancellationToken);
                drift.Add(new ListingDrift(remote.Sku, platform, "STATUS", $"{product.Status.ToString().ToUpperInvariant()} here ({product.Quantity} in stock), ACTIVE there", ended ? "ended" : "failed"));
                if (!ended)
                {
                    return drift;
                }

                remote = remote with { Status = "ENDED", Quantity = product.Quantity };
            }
            else if (await quantityRules.GetAsync(platform, cancellationToken) is { IsIdentity: false } rule)
            {
                // A shaped quantity does not map back to stock: the platform must show what the rule gives, nothing is staged.
                var shown = rule.Apply(product.Quantity, product.Stocked);
                if (remote.Quantity is { } there && there != shown)
                {
                    var pushed = await RepairAsync(platform, remote.Sku, "quantity", () => connector.SetQuantityAsync(remote.Sku, shown, cancellationToken), null, actor, cancellationToken);
                    drift.Add(new ListingDrift(remote.Sku, platform, "QUANTITY", $"{shown} shown of {product.Quantity} here, {there} there", pushed ? "pushed" : "failed"));
                    if (!pushed)
                    {
                        return drift;
                    }
                }

                remote = remote with { Quantity = product.Quantity };
            }
            else if (remote.Quantity > product.Quantity)
            {
                var pushed = await RepairAsync(platform, remote.Sku, "quantity", () => connector.SetQuantityAsync(remote.Sku, product.Quantity, cancellationToken), null, actor, cancellationToken);
                drift.Add(new ListingDrift(remote.Sku, platform, "QUANTITY", $"{product.Quantity} here, {remote.Quantity} there", pushed ? "pushed" : "failed"));
                if (!pushed)
                {
                    return drift;
                }

                remote = remote with { Quantity = product.Quantity };
            }
        }

        try
        {
            var changes = await stager.ProcessAsync(new PullItem(platform, remote.Sku, remote, false, $"reconciliation drift on {platform.ToWire()}", actor,
                IncludeQuantity: !saleInFlight), cancellationToken);
            drift.AddRange(changes.Select(c => new ListingDrift(c.Sku, platform, KindOf(c), $"{c.Before ?? "-"} here, {c.After ?? "-"} there", ResolutionOf(c))));
        }
        catch (CatalogException ex)
        {
            // The catalog refused the staged values: report the drift as failed and keep the cursor for the next run.
            drift.Add(new ListingDrift(remote.Sku, platform, "FIELD", ex.Message, "failed"));
        }

        return drift;
    }

    /// <summary>Runs one repair call on the platform and records the attempt either way; false when the platform refused or failed.</summary>
    private async Task<bool> RepairAsync(Platform platform, string sku, string operation, Func<Task> call, string? statusAfter, CatalogActor actor, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            await call();
        }
        catch (MarketplaceException ex)
        {
            // Recorded as a failed attempt below; the next run tries again (the cursor is held).
            error = $"{ex.GetType().Name}: {ex.Message}";
        }

        await listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = sku, Platform = platform, Operation = operation, Succeeded = error is null, Error = error, RemoteStatus = error is null ? statusAfter : null,
        }, actor, cancellationToken);
        return error is null;
    }

    private static string KindOf(PullChange change) => change.Kind switch
    {
        "FIELD" => change.Field switch
        {
            PullDiff.BasePrice => "PRICE",
            "quantity" => "QUANTITY",
            _ => (change.Field ?? "FIELD").ToUpperInvariant(),
        },
        "LINK" => "EXTRA",
        _ => change.Kind,
    };

    private static string ResolutionOf(PullChange change) => change.Kind switch
    {
        "LINK" => "linked",
        "EXTRA" or "STATUS" or "MISSING" => "recorded",
        _ => change.Outcome.ToLowerInvariant(),
    };
}
