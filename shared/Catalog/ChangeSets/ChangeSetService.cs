using System.Text.Json.Nodes;
using Azure;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.ChangeSets;

/// <summary>A request to stage changes for one product. <see cref="Incoming"/> holds canonical field values (see <see cref="ProductFields"/>).</summary>
public sealed record StageRequest(string Sku, JsonObject Incoming, Platform? Source, string Reason, string? BatchId = null);

/// <summary>What staging did: the change set applied at once (auto-approved fields), and the one left for review; either may be null.</summary>
public sealed record StageResult(ChangeSet? Applied, ChangeSet? Review);

/// <summary>The outcome of one item of a bulk operation: the change set, or the error that stopped it.</summary>
public sealed record BulkItemResult(ChangeSetRef Ref, ChangeSet? ChangeSet, string? Error);

/// <summary>
/// Staging, review, apply and rollback of change sets. Each step is one entity group transaction in the
/// product's partition (change set row under its ETag, product row under its ETag, version snapshot,
/// ledger entry for quantity, outbox push, audit), so a change set and the product never disagree.
/// Staging from a platform compares with the listing's last-seen remote state (the baseline) and records
/// the incoming values as the new baseline.
/// </summary>
public sealed partial class ChangeSetService
{
    private readonly CatalogTable _table;
    private readonly InventoryLedger _ledger;

    internal ChangeSetService(CatalogTable table, InventoryLedger ledger)
    {
        _table = table;
        _ledger = ledger;
    }

    private TimeProvider Time => _table.Time;

    /// <summary>
    /// Plans the changes with the configured rules, applies the auto-approved ones at once (as their own
    /// APPLIED change set) and stores the rest as a PENDING (or REJECTED, when ownership rejected all) change set.
    /// </summary>
    public Task<StageResult> StageAsync(StageRequest request, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw CatalogValidationException.For("reason", "A reason is required.");
        }

        return _table.WithConcurrencyRetryAsync(async ct =>
        {
            var stored = await _table.ReadExistingProductAsync(request.Sku, ct);
            var listingEntity = request.Source is { } source
                ? await _table.ReadEntityAsync(request.Sku, CatalogKeys.ListingRow(request.Sku, source), ct)
                : null;
            var listing = listingEntity is null ? null : CatalogJson.Deserialize<Listing>(listingEntity.GetString(CatalogKeys.DataColumn)!);
            var plan = ChangeSetPlanner.Plan(stored.Product, request.Incoming, listing?.LastSeenRemote, request.Source, _table.Options.ChangeSetRules);
            var batch = new CatalogBatch(request.Sku);
            ChangeSet? applied = null;
            ChangeSet? review = null;
            if (plan.Immediate.Count > 0)
            {
                var staged = NewChangeSet(request, stored.Product.Version, plan.Immediate, actor) with { Status = ChangeSetStatus.Approved, DecidedBy = "rules", DecidedAt = Time.GetUtcNow() };
                applied = Transition(stored, staged, actor, batch, rollback: false, isNew: true).ChangeSet;
            }

            if (plan.Review.Count > 0)
            {
                review = NewChangeSet(request, stored.Product.Version, plan.Review, actor);
                review = review with { Status = ChangeSet.StatusOf(review.Changes) };
                batch.PutChangeSet(review, default);
                batch.AddAudit(CatalogRecords.Audit(Time, request.Sku, actor, "changeset.stage", platform: request.Source,
                    detail: $"{review.Id}: {string.Join(", ", review.Changes.Select(c => c.Field + (c.Conflict ? " (conflict)" : string.Empty)))}"));
            }

            if (listing is not null)
            {
                var baseline = listing.LastSeenRemote?.DeepClone().AsObject() ?? [];
                foreach (var (field, value) in request.Incoming)
                {
                    baseline[field] = value?.DeepClone();
                }

                batch.PutListing(listing with { LastSeenRemote = baseline, LastSeenAt = Time.GetUtcNow() }, listingEntity!.ETag);
            }

            if (batch.Actions.Count > 0)
            {
                await _table.SubmitAsync(batch, ct);
            }

            return new StageResult(applied, review);
        }, cancellationToken);
    }

    /// <summary>Applies an APPROVED change set: a new product version with the approved fields; quantity through the ledger.</summary>
    /// <exception cref="CatalogConflictException">Wrong state, or a field changed since staging.</exception>
    public Task<ChangeSet> ApplyAsync(string sku, string id, CatalogActor actor, CancellationToken cancellationToken = default) =>
        TransitionAsync(sku, id, actor, rollback: false, cancellationToken);

    /// <summary>Rolls back an APPLIED change set: the fields get their before values again (a new version) and quantity moves back.</summary>
    /// <exception cref="CatalogConflictException">Wrong state, or a field changed since apply.</exception>
    public Task<ChangeSet> RollbackAsync(string sku, string id, CatalogActor actor, CancellationToken cancellationToken = default) =>
        TransitionAsync(sku, id, actor, rollback: true, cancellationToken);

    private Task<ChangeSet> TransitionAsync(string sku, string id, CatalogActor actor, bool rollback, CancellationToken cancellationToken) =>
        _table.WithConcurrencyRetryAsync(async ct =>
        {
            var stored = await _table.ReadExistingProductAsync(sku, ct);
            var (changeSet, etag) = await ReadAsync(sku, id, ct);
            var expected = rollback ? ChangeSetStatus.Applied : ChangeSetStatus.Approved;
            if (changeSet.Status != expected)
            {
                throw new CatalogConflictException($"Change set {id} is {CatalogBatch.Wire(changeSet.Status)}; only an {CatalogBatch.Wire(expected)} change set can be {(rollback ? "rolled back" : "applied")}.", "status");
            }

            var batch = new CatalogBatch(sku);
            var result = Transition(stored, changeSet, actor, batch, rollback, isNew: false, etag);
            await _table.SubmitAsync(batch, ct);
            return result.ChangeSet;
        }, cancellationToken);

    private (ChangeSet ChangeSet, Product Product) Transition(StoredProduct stored, ChangeSet changeSet, CatalogActor actor, CatalogBatch batch, bool rollback, bool isNew, ETag etag = default)
    {
        var approved = changeSet.Changes.Where(c => c.Status == FieldChangeStatus.Approved).ToList();
        var current = stored.Product;
        var (content, quantityDelta) = rollback ? ChangeSetApplier.Rollback(current, approved) : ChangeSetApplier.Apply(current, approved);
        var now = Time.GetUtcNow();
        var contentChanged = !ProductCatalog.SameContent(current, content);
        var next = contentChanged ? content with { Quantity = current.Quantity, Version = current.Version + 1, UpdatedAt = now } : current;
        var sequence = stored.LedgerSequence;
        if (quantityDelta != 0)
        {
            var change = new InventoryChange
            {
                Sku = current.Sku,
                Delta = quantityDelta,
                Reason = LedgerReason.SyncCorrection,
                EventId = $"changeset:{changeSet.Id}:{(rollback ? "rollback" : "apply")}",
                Source = changeSet.Source,
                Actor = actor.Name,
                CorrelationId = actor.CorrelationId,
                Note = rollback ? "rollback of change set " + changeSet.Id : "change set " + changeSet.Id,
            };
            var ledger = _ledger.Plan(stored, change, actor, batch, next);
            next = ledger.Product!;
            sequence = ledger.Entry.Sequence;
        }

        if (contentChanged || quantityDelta != 0)
        {
            batch.PutProduct(next, stored.ETag, sequence);
        }

        if (contentChanged)
        {
            batch.AddVersion(current);
            batch.AddOutbox(CatalogRecords.PushProduct(Time, current.Sku, next.Version, rollback ? "changeset.rollback" : "changeset.apply", actor));
        }

        var updated = rollback
            ? changeSet with { Status = ChangeSetStatus.RolledBack, RollbackVersion = next.Version, RolledBackAt = now }
            : changeSet with { Status = ChangeSetStatus.Applied, VersionBeforeApply = current.Version, AppliedVersion = next.Version, AppliedAt = now };
        batch.PutChangeSet(updated, etag);
        batch.AddAudit(CatalogRecords.Audit(Time, current.Sku, actor, rollback ? "changeset.rollback" : "changeset.apply", platform: changeSet.Source,
            detail: $"{changeSet.Id}: version {current.Version} -> {next.Version}; fields {string.Join(", ", approved.Select(c => c.Field))}"));
        return (updated, next);
    }

    private ChangeSet NewChangeSet(StageRequest request, long baseVersion, IReadOnlyList<FieldChange> changes, CatalogActor actor) => new()
    {
        Id = CatalogKeys.NewId(Time),
        Sku = request.Sku,
        Source = request.Source,
        Reason = request.Reason,
        BaseVersion = baseVersion,
        Changes = changes,
        BatchId = request.BatchId,
        CreatedBy = actor.Name,
        CreatedAt = Time.GetUtcNow(),
        CorrelationId = actor.CorrelationId,
    };
}
