using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Marketplace.Shared.Discogs;

public sealed partial class DiscogsClient
{
    /// <summary>The seller's inventory, every status, newest first, page by page.</summary>
    public async IAsyncEnumerable<DiscogsListing> GetInventoryAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var user = Uri.EscapeDataString(await GetUsernameAsync(cancellationToken));
        for (var page = 1; ; page++)
        {
            var result = await GetAsync<DiscogsInventoryPage>("inventory", $"/users/{user}/inventory?status=All&sort=listed&sort_order=desc&page={page}&per_page=100", cancellationToken);
            foreach (var listing in result.Listings)
            {
                yield return listing;
            }

            if (page >= result.Pagination.Pages)
            {
                yield break;
            }
        }
    }

    /// <summary>The listing, or null when it does not exist (deleted).</summary>
    public async Task<DiscogsListing?> GetListingAsync(long listingId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<DiscogsListing>("listing", $"/marketplace/listings/{listingId}", cancellationToken);
        }
        catch (DiscogsException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates a listing (never blindly retried: the connector looks the SKU up first).</summary>
    public async Task<long> CreateListingAsync(DiscogsListingWrite listing, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync("create listing", HttpMethod.Post, "/marketplace/listings", JsonSerializer.SerializeToNode(listing, Json), retrySafe: false, cancellationToken);
        var created = await response.Content.ReadFromJsonAsync<DiscogsListingCreated>(Json, cancellationToken)
            ?? throw new DiscogsException("Discogs create listing answered an empty body.", response.StatusCode);
        return created.ListingId;
    }

    /// <summary>Edits a listing (price, condition, status <c>For Sale</c>/<c>Draft</c>); the same body as a create.</summary>
    public async Task UpdateListingAsync(long listingId, DiscogsListingWrite listing, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync("update listing", HttpMethod.Post, $"/marketplace/listings/{listingId}", JsonSerializer.SerializeToNode(listing, Json), retrySafe: true, cancellationToken);
    }

    /// <summary>Deletes a listing; one already gone is not an error.</summary>
    public async Task DeleteListingAsync(long listingId, CancellationToken cancellationToken = default)
    {
        try
        {
            using var _ = await SendAsync("delete listing", HttpMethod.Delete, $"/marketplace/listings/{listingId}", null, retrySafe: true, cancellationToken);
        }
        catch (DiscogsException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            // Deleted by an earlier attempt whose answer was lost.
        }
    }

    /// <summary>Orders created at or after <paramref name="createdAfter"/>, oldest first.</summary>
    public IAsyncEnumerable<DiscogsOrder> GetOrdersAsync(DateTimeOffset createdAfter, CancellationToken cancellationToken = default) =>
        GetOrdersCoreAsync(createdAfter, null, cancellationToken);

    /// <summary>Orders in <paramref name="status"/> (as Discogs spells it, e.g. <c>Merged</c>) created at or after <paramref name="createdAfter"/>, oldest first.</summary>
    public IAsyncEnumerable<DiscogsOrder> GetOrdersAsync(DateTimeOffset createdAfter, string status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        return GetOrdersCoreAsync(createdAfter, status, cancellationToken);
    }

    private async IAsyncEnumerable<DiscogsOrder> GetOrdersCoreAsync(DateTimeOffset createdAfter, string? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = Uri.EscapeDataString(createdAfter.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var filter = status is null ? string.Empty : "&status=" + Uri.EscapeDataString(status);
        for (var page = 1; ; page++)
        {
            var result = await GetAsync<DiscogsOrdersPage>("orders", $"/marketplace/orders?created_after={after}{filter}&sort=created&sort_order=asc&page={page}&per_page=100", cancellationToken);
            foreach (var order in result.Orders)
            {
                yield return order;
            }

            if (page >= result.Pagination.Pages)
            {
                yield break;
            }
        }
    }
}
