using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>An in-memory platform (connector and listing reader) for the sync admin API tests; reads can be slowed down.</summary>
internal sealed class SyncAdminFakePlatform(string platform) : IMarketplaceConnector, IMarketplaceListingReader
{
    private readonly ConcurrentDictionary<string, RemoteListing> _listings = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _epoch = DateTimeOffset.UtcNow.AddHours(-1);
    private int _ticks;

    public string Platform => platform;

    /// <summary>Delay of every listing read.</summary>
    public TimeSpan ReadDelay { get; set; }

    public void Seed(string sku, string title, decimal price, int quantity) =>
        _listings[sku] = new RemoteListing(platform, sku, $"{platform}-{sku}", null, "ACTIVE", quantity, price, "EUR", title, "<p>1978.</p>", Next());

    public Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default) =>
        Task.FromResult(_listings.TryGetValue(sku, out var l) ? new ListingReference(platform, sku, l.ExternalId, l.Url, l.Status) : null);

    public Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The admin API pull tests never push.");

    public Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The admin API pull tests never push.");

    public Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The admin API pull tests never push.");

    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public async IAsyncEnumerable<RemoteListing> GetListingsAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(ReadDelay, cancellationToken);
        foreach (var listing in _listings.Values.Where(l => updatedSince is null || l.UpdatedAt >= updatedSince).ToList())
        {
            yield return listing;
        }
    }

    public async Task<RemoteListing?> GetListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        await Task.Delay(ReadDelay, cancellationToken);
        return _listings.TryGetValue(sku, out var listing) ? listing : null;
    }

    private DateTimeOffset Next() => _epoch.AddSeconds(Interlocked.Increment(ref _ticks));
}
