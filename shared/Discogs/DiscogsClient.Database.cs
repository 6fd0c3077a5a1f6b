using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

namespace Marketplace.Shared.Discogs;

public sealed partial class DiscogsClient
{
    /// <summary>One page (1-based) of <c>GET /database/search</c>.</summary>
    public Task<DiscogsSearchPage> SearchAsync(DiscogsSearchQuery query, int page = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = new StringBuilder("/database/search?type=").Append(Uri.EscapeDataString(query.Type));
        Append(path, "q", query.Query);
        Append(path, "barcode", query.Barcode);
        Append(path, "catno", query.CatalogNumber);
        Append(path, "label", query.Label);
        Append(path, "artist", query.Artist);
        Append(path, "release_title", query.ReleaseTitle);
        Append(path, "format", query.Format);
        path.Append(CultureInfo.InvariantCulture, $"&page={page}&per_page={_options.PageSize}");
        return GetAsync<DiscogsSearchPage>("search", path.ToString(), cancellationToken);
    }

    /// <summary>Every result of a search, page by page (at most <paramref name="maxPages"/> pages).</summary>
    public async IAsyncEnumerable<DiscogsSearchResult> SearchAllAsync(DiscogsSearchQuery query, int maxPages = 10, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = 1; page <= maxPages; page++)
        {
            var results = await SearchAsync(query, page, cancellationToken);
            foreach (var result in results.Results)
            {
                yield return result;
            }

            if (page >= results.Pagination.Pages)
            {
                yield break;
            }
        }
    }

    /// <summary>The release (<c>GET /releases/{id}</c>), or null when Discogs has none with that id.</summary>
    public async Task<DiscogsRelease?> GetReleaseAsync(long releaseId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<DiscogsRelease>("release", $"/releases/{releaseId}", cancellationToken);
        }
        catch (DiscogsException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Discogs's price suggestion per media condition for the release (<c>GET /marketplace/price_suggestions/{id}</c>; needs
    /// seller settings on the account). Empty when Discogs has none.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DiscogsPrice>> GetPriceSuggestionsAsync(long releaseId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<Dictionary<string, DiscogsPrice>>("price suggestions", $"/marketplace/price_suggestions/{releaseId}", cancellationToken);
        }
        catch (DiscogsException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return new Dictionary<string, DiscogsPrice>();
        }
    }

    private static void Append(StringBuilder path, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            path.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
        }
    }
}
