using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// An in-memory platform for pull tests: connector and listing reader at once. Every write bumps the listing's
/// <c>UpdatedAt</c> on a clock that starts an hour in the past and moves one second per change, so the pull
/// window (listings updated before the sync started) holds everything the test did. Counts writes and reads.
/// </summary>
internal sealed class PullFakePlatform(Platform platform) : IMarketplaceConnector, IMarketplaceListingReader
{
    private readonly ConcurrentDictionary<string, RemoteListing> _listings = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _epoch = DateTimeOffset.UtcNow.AddHours(-1);
    private int _ticks;
    private int _writes;
    private int _reads;

    public string Platform => platform.ToWire();

    /// <summary>Calls that changed something on the platform.</summary>
    public int Writes => _writes;

    /// <summary>Listings handed out by the reader.</summary>
    public int Reads => _reads;

    /// <summary>Delay of each listing read (to widen crash windows).</summary>
    public TimeSpan ReadDelay { get; set; }

    public RemoteListing? this[string sku] => _listings.TryGetValue(sku, out var listing) ? listing : null;

    /// <summary>Puts a listing there as a seller would (not counted as our write).</summary>
    public RemoteListing Seed(string sku, string title, decimal price, int quantity, string status = "ACTIVE", string currency = "EUR", string description = "<p>1978.</p>") =>
        _listings[sku] = new RemoteListing(Platform, sku, $"{Platform}-{sku}", new Uri($"https://{Platform}.example/{sku}"), status, quantity, price, currency, title, description, Next());

    /// <summary>A change made on the platform (by the seller or a buyer): the listing gets a new <c>UpdatedAt</c>.</summary>
    public RemoteListing Edit(string sku, Func<RemoteListing, RemoteListing> change) =>
        _listings[sku] = change(_listings[sku]) with { UpdatedAt = Next() };

    public void Delete(string sku) => _listings.TryRemove(sku, out _);

    public Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default) =>
        Task.FromResult(this[sku] is { } l ? new ListingReference(Platform, sku, l.ExternalId, l.Url, l.Status) : null);

    public Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        var listing = _listings.AddOrUpdate(draft.Sku,
            sku => new RemoteListing(Platform, sku, $"{Platform}-{sku}", new Uri($"https://{Platform}.example/{sku}"), "ACTIVE", draft.Quantity, draft.Price, draft.Currency,
                draft.Title, draft.DescriptionHtml, Next()),
            (_, l) => l with { Title = draft.Title, DescriptionHtml = draft.DescriptionHtml, Price = draft.Price, Currency = draft.Currency, Quantity = draft.Quantity, UpdatedAt = Next() });
        return Task.FromResult(new ListingReference(Platform, draft.Sku, listing.ExternalId, listing.Url, listing.Status));
    }

    public Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        Edit(sku, l => l with { Quantity = quantity });
        return Task.CompletedTask;
    }

    public Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        if (this[sku] is not null)
        {
            Edit(sku, l => l with { Status = "ENDED" });
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public async IAsyncEnumerable<RemoteListing> GetListingsAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (ReadDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReadDelay, cancellationToken);
        }

        foreach (var listing in _listings.Values.ToList())
        {
            if (updatedSince is null || listing.UpdatedAt >= updatedSince)
            {
                Interlocked.Increment(ref _reads);
                yield return listing;
            }
        }
    }

    public Task<RemoteListing?> GetListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(this[sku]);
    }

    private DateTimeOffset Next() => _epoch.AddSeconds(Interlocked.Increment(ref _ticks));
}
