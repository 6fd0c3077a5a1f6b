using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Marketplace.Shared.Catalog.Ledger;

namespace Marketplace.Shared.Catalog.Products;

/// <summary>
/// Products of the canonical catalog. Every write commits the product row, its version snapshot, an outbox
/// entry asking to push it (<see cref="Outbox.CatalogOrchestrators.PushProduct"/>) and an audit record in one
/// entity group transaction. Writes take the version the caller last read and fail with
/// <see cref="CatalogConflictException"/> on <c>version</c> when the product moved on; concurrent stock
/// changes are not a conflict (the write is retried on a fresh read). Quantity only changes through the
/// ledger: the quantity of an input product is its initial stock on create and ignored on update.
/// </summary>
public sealed partial class ProductCatalog
{
    private readonly CatalogTable _table;

    internal ProductCatalog(CatalogTable table) => _table = table;

    private TimeProvider Time => _table.Time;

    /// <summary>Creates a product at version 1 (initial quantity recorded as an ADJUSTMENT with event id <c>create:{sku}</c>).</summary>
    /// <exception cref="CatalogValidationException">The product is invalid.</exception>
    /// <exception cref="CatalogConflictException">The SKU exists.</exception>
    public async Task<Product> CreateAsync(Product input, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ProductValidator.EnsureValid(input, Time, _table.Options.ReverbAccounts);
        await _table.EnsureCreatedAsync(cancellationToken);
        var now = Time.GetUtcNow();
        var product = input with { Version = 1, CreatedAt = now, UpdatedAt = now };
        var batch = new CatalogBatch(product.Sku);
        var sequence = 0L;
        if (product.Quantity > 0)
        {
            batch.AddLedger(NewEntry(product.Sku, "create:" + product.Sku, LedgerReason.Adjustment, product.Quantity, product.Quantity, ++sequence, actor, now, "initial stock"));
        }

        batch.PutProduct(product, default, sequence);
        batch.AddOutbox(CatalogRecords.PushProduct(Time, product.Sku, 1, "created", actor));
        batch.AddAudit(CatalogRecords.Audit(Time, product.Sku, actor, "product.create", detail: $"version 1, quantity {product.Quantity}"));
        try
        {
            await _table.SubmitAsync(batch, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new CatalogConflictException($"A product with SKU '{product.Sku}' already exists.", "sku");
        }

        return product;
    }

    /// <summary>The product with its current quantity, or null.</summary>
    public async Task<Product?> GetAsync(string sku, CancellationToken cancellationToken = default) =>
        ProductValidator.IsValidSku(sku) ? (await _table.ReadProductAsync(sku, cancellationToken))?.Product : null;

    /// <summary>The content of a version, current or earlier (quantity 0: stock is not versioned), or null.</summary>
    public async Task<Product?> GetVersionAsync(string sku, long version, CancellationToken cancellationToken = default)
    {
        // The product row first: a write that moves it past this version stores this version's snapshot atomically.
        if (!ProductValidator.IsValidSku(sku) || await _table.ReadProductAsync(sku, cancellationToken) is not { } stored || version > stored.Product.Version)
        {
            return null;
        }

        return stored.Product.Version == version
            ? stored.Product with { Quantity = 0 }
            : await _table.ReadDataAsync<Product>(sku, CatalogKeys.VersionRow(sku, version), cancellationToken);
    }

    /// <summary>
    /// Replaces the product's content with <paramref name="input"/> if it is still at <paramref name="expectedVersion"/>.
    /// An input equal to the current content changes nothing and returns the product as is.
    /// </summary>
    /// <exception cref="CatalogNotFoundException">No such SKU.</exception>
    /// <exception cref="CatalogConflictException">The product is no longer at <paramref name="expectedVersion"/>.</exception>
    public Task<Product> UpdateAsync(Product input, long expectedVersion, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ProductValidator.EnsureValid(input with { Quantity = 0 }, Time);
        return WriteAsync(input.Sku, expectedVersion, actor, "product.update", current =>
        {
            // A Reverb shop the product already names stays valid after its settings are removed; a newly named one must be configured.
            ProductValidator.EnsureValid(input with { Quantity = 0 }, Time, _table.Options.ReverbAccounts, current.ReverbAccounts);
            return input;
        }, cancellationToken);
    }

    /// <summary>Archives the product (status ARCHIVED); products are never deleted, their history stays.</summary>
    public Task<Product> ArchiveAsync(string sku, long expectedVersion, CatalogActor actor, CancellationToken cancellationToken = default) =>
        WriteAsync(sku, expectedVersion, actor, "product.archive", current => current with { Status = ProductStatus.Archived }, cancellationToken);

    /// <summary>Read, check version, write the new content (version + 1) with snapshot, outbox and audit; retried on 412.</summary>
    internal Task<Product> WriteAsync(string sku, long? expectedVersion, CatalogActor actor, string action, Func<Product, Product> change,
        CancellationToken cancellationToken) =>
        _table.WithConcurrencyRetryAsync(async ct =>
        {
            var stored = await _table.ReadExistingProductAsync(sku, ct);
            var current = stored.Product;
            if (expectedVersion is { } expected && current.Version != expected)
            {
                throw new CatalogConflictException($"Product '{sku}' is at version {current.Version}, not {expected}; reload it and apply the change again.", "version");
            }

            var next = change(current) with { Sku = current.Sku, Quantity = current.Quantity, Version = current.Version, CreatedAt = current.CreatedAt, UpdatedAt = current.UpdatedAt };
            if (SameContent(current, next))
            {
                return current;
            }

            next = next with { Version = current.Version + 1, UpdatedAt = Time.GetUtcNow() };
            var batch = new CatalogBatch(sku);
            batch.PutProduct(next, stored.ETag, stored.LedgerSequence);
            batch.AddVersion(current);
            batch.AddOutbox(CatalogRecords.PushProduct(Time, sku, next.Version, action, actor));
            batch.AddAudit(CatalogRecords.Audit(Time, sku, actor, action, detail: $"version {current.Version} -> {next.Version}"));
            await _table.SubmitAsync(batch, ct);
            return next;
        }, cancellationToken);

    /// <summary>True when the two differ at most in quantity, version and timestamps.</summary>
    public static bool SameContent(Product a, Product b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return JsonNode.DeepEquals(ContentOf(a), ContentOf(b));
    }

    private static JsonObject ContentOf(Product product) =>
        ChangeSets.ProductFields.ToObject(product with { Quantity = 0, Version = 0, CreatedAt = default, UpdatedAt = default });

    internal static LedgerEntry NewEntry(string sku, string eventId, LedgerReason reason, int requested, int applied, long sequence, CatalogActor actor,
        DateTimeOffset at, string? note, int quantityAfter = -1, Platform? source = null, string? orderId = null) => new()
    {
        Sku = sku,
        EventId = eventId,
        Reason = reason,
        RequestedDelta = requested,
        AppliedDelta = applied,
        QuantityAfter = quantityAfter < 0 ? applied : quantityAfter,
        Sequence = sequence,
        Actor = actor.Name,
        CorrelationId = actor.CorrelationId,
        Note = note,
        At = at,
        Source = source,
        OrderId = orderId,
    };
}
