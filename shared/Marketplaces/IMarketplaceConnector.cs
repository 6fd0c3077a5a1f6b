namespace Marketplace.Shared.Marketplaces;

/// <summary>
/// The operations the sync workflows need from every platform. Implementations are idempotent by SKU
/// (a retried create finds the listing created by the first attempt) because activities run at least once.
/// </summary>
public interface IMarketplaceConnector
{
    /// <summary>The platform (see <see cref="MarketplacePlatform"/>).</summary>
    string Platform { get; }

    /// <summary>Finds the listing for a SKU, or null.</summary>
    Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default);

    /// <summary>Creates the listing, or updates it when one already exists for the SKU.</summary>
    Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Sets the available quantity (0 for a sold one-off item ends or hides it as the platform requires).</summary>
    Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the available quantity as the catalog had it at ledger position <paramref name="ledgerPosition"/> (the
    /// product's ledger sequence, increasing with every stock change). Callers send one push per listing at a time with
    /// the current position, so a connector may skip a push older than the last one it applied to that listing. The
    /// default ignores the position and sets the quantity.
    /// </summary>
    Task SetQuantityAtAsync(string sku, int quantity, long ledgerPosition, CancellationToken cancellationToken = default) =>
        SetQuantityAsync(sku, quantity, cancellationToken);

    /// <summary>Ends the listing (sold elsewhere, archived). Ending an ended listing is not an error.</summary>
    Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the listing whose platform id the catalog recorded (<paramref name="externalId"/>, null when unknown). A
    /// connector that can end by id without looking the SKU up first saves a call (and, on Shopify, query cost); the
    /// default looks the SKU up.
    /// </summary>
    Task EndListingAsync(string sku, string? externalId, string reason, CancellationToken cancellationToken = default) =>
        EndListingAsync(sku, reason, cancellationToken);

    /// <summary>Sales since a point in time (the reconciliation path; webhooks are the fast path).</summary>
    IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
