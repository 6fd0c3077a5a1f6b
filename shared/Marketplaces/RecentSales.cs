namespace Marketplace.Shared.Marketplaces;

/// <summary>
/// A platform's recent sales for comparing its quantities with the catalog (see
/// <see cref="Catalog.Ledger.RemoteQuantityResolver"/>) during a multi-product pull: fetched through <c>salesSince</c>
/// (e.g. <see cref="IMarketplaceConnector.GetSalesSinceAsync"/>) and topped up only when a quantity read later than the
/// last fetch needs them, so the sales up to the moment each quantity was read are known, at one orders query per
/// top-up. Holds the sales of the look-back window only (memory does not grow with the catalog). Safe for concurrent use.
/// </summary>
public sealed class RecentSales(Func<DateTimeOffset, CancellationToken, IAsyncEnumerable<SaleEvent>> salesSince, TimeSpan lookback, TimeProvider? time = null)
{
    // Orders are indexed for search a little after they are created: each top-up reaches back this far.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, SaleEvent> _sales = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset? _coveredUntil;

    /// <summary>Sales of <paramref name="sku"/> in the look-back window, complete up to <paramref name="observedAt"/> (fetched if not yet).</summary>
    public async Task<IReadOnlyList<SaleEvent>> ForSkuAsync(string sku, DateTimeOffset observedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_coveredUntil is not { } covered || covered < observedAt)
            {
                var fetchedAt = _time.GetUtcNow();
                var since = _coveredUntil is { } previous ? previous - Overlap : observedAt - lookback;
                await foreach (var sale in salesSince(since, cancellationToken).WithCancellation(cancellationToken))
                {
                    _sales[sale.EventId] = sale;
                }

                _coveredUntil = fetchedAt;
                foreach (var old in _sales.Values.Where(s => s.OccurredAt < fetchedAt - lookback).Select(s => s.EventId).ToList())
                {
                    _sales.Remove(old);
                }
            }

            return _sales.Values.Where(s => string.Equals(s.Sku, sku, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }
}
