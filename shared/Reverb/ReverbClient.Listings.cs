using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Marketplace.Shared.Reverb;

public sealed partial class ReverbClient
{
    /// <summary>
    /// <c>GET /api/my/listings?sku=&amp;state=all</c>: the seller's listing with exactly this SKU in any state, or null.
    /// When several exist (made outside this system), an open one wins over a closed one.
    /// </summary>
    public async Task<ReverbListing?> FindListingBySkuAsync(string sku, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        var response = await SendAsync("find listing by SKU", HttpMethod.Get, $"/api/my/listings?sku={Uri.EscapeDataString(sku)}&state=all", null, retrySafe: true, cancellationToken);
        var page = await ReadAsync<ReverbListingPage>(response, cancellationToken);
        return (page.Listings ?? [])
            .Where(l => string.Equals(l.Sku, sku, StringComparison.Ordinal))
            .OrderBy(l => l.IsClosed)
            .ThenBy(l => l.Id)
            .FirstOrDefault();
    }

    /// <summary>
    /// <c>GET /api/my/listings?state=&amp;per_page=</c> (default state <c>all</c>: drafts, live, sold and ended too),
    /// following HAL <c>_links.next</c> until Reverb names no next page. Streamed page by page.
    /// </summary>
    public async IAsyncEnumerable<ReverbListing> GetMyListingsAsync(string state = "all", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        string? path = $"/api/my/listings?state={Uri.EscapeDataString(state)}&per_page={_options.ListingsPageSize}";
        while (path is not null)
        {
            var response = await SendAsync("list my listings", HttpMethod.Get, path, null, retrySafe: true, cancellationToken);
            var page = await ReadAsync<ReverbListingPage>(response, cancellationToken);
            foreach (var listing in page.Listings ?? [])
            {
                yield return listing;
            }

            path = NextPage(page.Links, page.Listings?.Count ?? 0);
        }
    }

    /// <summary><c>GET /api/listings/{id}</c>, or null when it does not exist.</summary>
    public async Task<ReverbListing?> GetListingAsync(long id, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await SendAsync("get listing", HttpMethod.Get, $"/api/listings/{id}", null, retrySafe: true, cancellationToken);
            return await ReadAsync<ReverbListing>(response, cancellationToken);
        }
        catch (ReverbException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>POST /api/listings</c> (a draft unless <paramref name="listing"/> says <c>publish: true</c>). Not retried on
    /// timeouts or 5xx because Reverb may have created it: look the SKU up before calling again.
    /// </summary>
    public async Task<ReverbListing> CreateListingAsync(JsonObject listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var response = await SendAsync("create listing", HttpMethod.Post, "/api/listings", listing, retrySafe: false, cancellationToken);
        var envelope = await ReadAsync<ReverbListingEnvelope>(response, cancellationToken);
        return envelope.Listing ?? throw new ReverbException("Reverb created a listing without returning it.", HttpStatusCode.Created);
    }

    /// <summary><c>PUT /api/listings/{id}</c> with only the fields to change (idempotent). <c>publish: true</c> publishes a draft.</summary>
    public async Task<ReverbListing?> UpdateListingAsync(long id, JsonObject changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var response = await SendAsync("update listing", HttpMethod.Put, $"/api/listings/{id}", changes, retrySafe: true, cancellationToken);
        var envelope = await ReadAsync<ReverbListingEnvelope>(response, cancellationToken);
        return envelope.Listing;
    }

    /// <summary><c>PUT /api/my/listings/{id}/state/end</c> with <c>reason</c> (<c>not_sold</c> or <c>reverb_sale</c>).</summary>
    public async Task EndListingAsync(long id, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        using var response = await SendAsync("end listing", HttpMethod.Put, $"/api/my/listings/{id}/state/end", new JsonObject { ["reason"] = reason }, retrySafe: true, cancellationToken);
    }
}
