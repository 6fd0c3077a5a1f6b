using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// The shop's recent sales for a multi-product pull (a bulk export or a page read): fetched once through
/// <c>salesSince</c> and topped up only when a product read later than the last fetch needs them, so sales up to the
/// moment each product was read are known, at one orders query per refresh. Holds the sales of the look-back window
/// only (memory does not grow with the catalog). Not thread-safe: one pull at a time.
/// </summary>
public sealed class ShopifyRecentSales(Func<DateTimeOffset, CancellationToken, IAsyncEnumerable<SaleEvent>> salesSince, TimeSpan lookback, TimeProvider? time = null)
{
    // Orders are indexed for search a little after they are created: each top-up reaches back this far.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, SaleEvent> _sales = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private DateTimeOffset? _coveredUntil;

    /// <summary>Sales of <paramref name="sku"/> in the look-back window, complete up to <paramref name="observedAt"/> (fetched if not yet).</summary>
    public async Task<IReadOnlyList<SaleEvent>> ForSkuAsync(string sku, DateTimeOffset observedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        if (_coveredUntil is not { } covered || covered < observedAt)
        {
            var fetchedAt = _time.GetUtcNow();
            var since = _coveredUntil is { } previous ? previous - Overlap : observedAt - lookback;
            await foreach (var sale in salesSince(since, cancellationToken).WithCancellation(cancellationToken))
            {
                _sales[sale.EventId] = sale;
            }

            _coveredUntil = fetchedAt;
        }

        return _sales.Values.Where(s => string.Equals(s.Sku, sku, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
