using System.Globalization;
using System.Runtime.CompilerServices;

namespace Marketplace.Shared.Ebay;

public sealed partial class EbayClient
{
    private const int ReturnPageSize = 200;

    /// <summary>
    /// Post-Order <c>GET /post-order/v2/return/search</c> for return requests created at or after
    /// <paramref name="createdSince"/> (<c>creation_date_range_from</c>), page by page (<c>offset</c> is the 1-based page).
    /// </summary>
    public async IAsyncEnumerable<EbayReturn> SearchReturnsAsync(DateTimeOffset createdSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = Uri.EscapeDataString(createdSince.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        for (var page = 1; ; page++)
        {
            var path = $"/post-order/v2/return/search?creation_date_range_from={from}&limit={ReturnPageSize}&offset={page}";
            var response = await SendAsync("searchReturns", () => Request(HttpMethod.Get, path), retrySafe: true, cancellationToken);
            var result = await ReadAsync<EbayReturnPage>(response, cancellationToken);
            foreach (var request in result.Members ?? [])
            {
                yield return request;
            }

            if ((result.Members?.Count ?? 0) == 0 || page >= (result.PaginationOutput?.TotalPages ?? page))
            {
                yield break;
            }
        }
    }
}
