namespace Marketplace.Shared.Marketplaces;

/// <summary>
/// Optional for an <see cref="IMarketplaceConnector"/> whose platform writes many listings in one request (Shopware's
/// <c>_action/sync</c>): the full sync's chunk push and reconciliation use it when the connector implements it. A
/// batch call is as safe to repeat as the single ones, and more: a create needs no claim, because a repeated or
/// concurrent create of one SKU writes the same listing (the platform id is derived from the SKU).
/// </summary>
public interface IMarketplaceBatchConnector
{
    /// <summary>Creates or updates the listings; one result per draft, in order. A whole-batch failure (transient) is thrown.</summary>
    Task<IReadOnlyList<BatchItemResult>> UpsertListingsAsync(IReadOnlyList<ListingDraft> drafts, CancellationToken cancellationToken = default);

    /// <summary>The listings of the SKUs the platform has (SKUs it does not have are absent).</summary>
    Task<IReadOnlyDictionary<string, ListingReference>> FindListingsAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken = default);

    /// <summary>Ends the listings (as <see cref="IMarketplaceConnector.EndListingAsync(string, string, CancellationToken)"/>); one result per SKU, in order.</summary>
    Task<IReadOnlyList<BatchItemResult>> EndListingsAsync(IReadOnlyList<string> skus, string reason, CancellationToken cancellationToken = default);
}

/// <summary>One SKU of a batch call: its listing when written, else the platform's reason (a refusal retrying cannot fix).</summary>
public sealed record BatchItemResult(string Sku, ListingReference? Reference, string? Error)
{
    public bool Succeeded => Error is null;
}
