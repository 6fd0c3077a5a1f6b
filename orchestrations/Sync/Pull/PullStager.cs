using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>One SKU of a pull: the platform's listing (null: the platform has none) and how to treat it.</summary>
public sealed record PullItem(Platform Platform, string Sku, RemoteListing? Remote, bool DryRun, string Reason, CatalogActor Actor, bool IncludeQuantity = true);

/// <summary>
/// Turns what a platform shows for one SKU into catalog records: an unknown listing is linked (LINK), a changed
/// listing status recorded (STATUS), a vanished listing recorded as REMOVED (MISSING), a SKU the catalog lacks
/// audited (EXTRA), and field differences staged through <see cref="ChangeSetService.StageAsync"/> whose rules
/// apply or stage them. Idempotent: staging is keyed by a deterministic batch id (platform, SKU, the listing's
/// <c>UpdatedAt</c> and values), and the listing's last-seen baseline makes a repeated value a no-op. A dry run
/// plans with <see cref="ChangeSetPlanner"/> and writes nothing.
/// </summary>
public sealed class PullStager(ProductCatalog catalog, ListingStore listings, ChangeSetService changeSets, AuditLog audit, CatalogOptions catalogOptions, RemoteQuantityGate quantities,
    QuantityRuleStore quantityRules, CategoryMap categories)
{
    private static readonly HashSet<ListingStatus> Live = [ListingStatus.Active, ListingStatus.Draft, ListingStatus.Pending];

    /// <summary>The differences for one SKU and what was (or in a dry run would be) done.</summary>
    /// <exception cref="CatalogException">The catalog refused a write (invalid value, conflict); nothing else of the item is retried.</exception>
    public async Task<IReadOnlyList<PullChange>> ProcessAsync(PullItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var (platform, sku, remote) = (item.Platform, item.Sku, item.Remote);
        var changes = new List<PullChange>();
        var product = await catalog.GetAsync(sku, cancellationToken);
        if (product is null)
        {
            if (remote is not null)
            {
                changes.Add(new PullChange(sku, platform, "EXTRA", null, null, remote.ExternalId, item.DryRun ? "WOULD_RECORD" : "RECORDED"));
                // A platform SKU that is not a valid catalog SKU cannot key an audit partition: it is only reported.
                if (!item.DryRun && ProductValidator.IsValidSku(sku))
                {
                    await audit.RecordAsync(sku, item.Actor, "sync.extra", AuditOutcome.Success, platform,
                        $"listing {remote.ExternalId} ({remote.Status}) on {platform.ToWire()} has a SKU the catalog does not have", cancellationToken);
                }
            }

            return changes;
        }

        var listing = await listings.GetAsync(sku, platform, cancellationToken);
        if (remote is null)
        {
            if (listing is { ExternalId: not null } && Live.Contains(listing.Status))
            {
                changes.Add(new PullChange(sku, platform, "MISSING", null, Wire(listing.Status), "REMOVED", item.DryRun ? "WOULD_RECORD" : "RECORDED"));
                await RecordAsync(item, new ListingAttemptReport { Sku = sku, Platform = platform, Operation = "read", Succeeded = true, RemoteStatus = "REMOVED" }, cancellationToken);
            }

            return changes;
        }

        var known = ListingStatuses.TryNormalize(remote.Status, out var remoteStatus);
        if (listing?.ExternalId != remote.ExternalId)
        {
            changes.Add(new PullChange(sku, platform, "LINK", null, listing?.ExternalId, remote.ExternalId, item.DryRun ? "WOULD_RECORD" : "RECORDED"));
            await RecordAsync(item, new ListingAttemptReport
            {
                Sku = sku, Platform = platform, Operation = "link", Succeeded = true, ExternalId = remote.ExternalId, Url = remote.Url?.ToString(),
                RemoteStatus = known ? remote.Status : null,
            }, cancellationToken);
        }
        else if (known && listing.Status != remoteStatus)
        {
            changes.Add(new PullChange(sku, platform, "STATUS", null, Wire(listing.Status), Wire(remoteStatus), item.DryRun ? "WOULD_RECORD" : "RECORDED"));
            await RecordAsync(item, new ListingAttemptReport { Sku = sku, Platform = platform, Operation = "read", Succeeded = true, RemoteStatus = remote.Status }, cancellationToken);
        }

        // A quantity shaped by the platform's rule does not map back to stock.
        var includeQuantity = item.IncludeQuantity && (await quantityRules.GetAsync(platform, cancellationToken)).IsIdentity;
        var incoming = PullDiff.Incoming(product, remote, platform, includeQuantity, categories);
        await quantities.ApplyAsync(platform, product, incoming, cancellationToken); // sales first, then drift: a sale is never counted twice
        if (incoming.Count == 0)
        {
            return changes;
        }

        if (item.DryRun)
        {
            var plan = ChangeSetPlanner.Plan(product, incoming, listing?.LastSeenRemote, platform, catalogOptions.ChangeSetRules);
            changes.AddRange(plan.Immediate.Select(c => Field(item, c, "WOULD_APPLY", null)));
            changes.AddRange(plan.Review.Select(c => Field(item, c, c.Status == FieldChangeStatus.Rejected ? "WOULD_REJECT" : "WOULD_REVIEW", null)));
            return changes;
        }

        var batchId = BatchIdFor(platform, remote, incoming);
        await foreach (var existing in changeSets.ListAsync(sku, cancellationToken: cancellationToken))
        {
            if (existing.BatchId == batchId)
            {
                return changes;
            }
        }

        var result = await changeSets.StageAsync(new StageRequest(sku, incoming, platform, item.Reason, batchId), item.Actor, cancellationToken);
        if (result.Applied is { } applied)
        {
            changes.AddRange(applied.Changes.Select(c => Field(item, c, "APPLIED", applied.Id)));
        }

        if (result.Review is { } review)
        {
            changes.AddRange(review.Changes.Select(c => Field(item, c, c.Status == FieldChangeStatus.Rejected ? "REJECTED" : "REVIEW", review.Id)));
        }

        return changes;
    }

    /// <summary><c>pull:{platform}:{sku}:{UpdatedAt ticks}:{hash of the values}</c>: the same listing state stages once.</summary>
    public static string BatchIdFor(Platform platform, RemoteListing remote, JsonObject incoming)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(incoming);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(remote.ExternalId + "\n" + incoming.ToJsonString())))[..16];
        return $"pull:{platform.ToWire()}:{remote.Sku}:{remote.UpdatedAt?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}:{hash}";
    }

    private async Task RecordAsync(PullItem item, ListingAttemptReport report, CancellationToken cancellationToken)
    {
        if (!item.DryRun)
        {
            await listings.RecordAttemptAsync(report, item.Actor, cancellationToken);
        }
    }

    private static PullChange Field(PullItem item, FieldChange change, string outcome, string? changeSetId) =>
        new(item.Sku, item.Platform, "FIELD", change.Field, Short(change.Before), Short(change.After), outcome, changeSetId);

    private static string? Short(JsonNode? node)
    {
        var text = node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
        return text is { Length: > 200 } ? text[..200] + "…" : text;
    }

    private static string Wire(ListingStatus status) => status.ToString().ToUpperInvariant();
}
