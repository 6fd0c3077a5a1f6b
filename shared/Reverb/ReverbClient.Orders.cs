using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;

namespace Marketplace.Shared.Reverb;

public sealed partial class ReverbClient
{
    /// <summary>
    /// <c>GET /api/my/orders/selling/all?updated_start_date=</c>, following HAL <c>_links.next</c> pages.
    /// The reconciliation path: at least once (an order updated again shows up again).
    /// </summary>
    public async IAsyncEnumerable<ReverbOrder> GetOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? path = $"/api/my/orders/selling/all?updated_start_date={Uri.EscapeDataString(updatedSince.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}&per_page={_options.OrdersPageSize}";
        while (path is not null)
        {
            var response = await SendAsync("list selling orders", HttpMethod.Get, path, null, retrySafe: true, cancellationToken);
            var page = await ReadAsync<ReverbOrderPage>(response, cancellationToken);
            foreach (var order in page.Orders ?? [])
            {
                yield return order;
            }

            path = NextPage(page.Links, page.Orders?.Count ?? 0);
        }
    }

    /// <summary><c>GET /api/my/orders/selling/{order_number}</c>, or null when the seller has no such order.</summary>
    public async Task<ReverbOrder?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderNumber);
        try
        {
            var response = await SendAsync("get selling order", HttpMethod.Get, $"/api/my/orders/selling/{Uri.EscapeDataString(orderNumber)}", null, retrySafe: true, cancellationToken);
            return await ReadAsync<ReverbOrder>(response, cancellationToken);
        }
        catch (ReverbException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The HAL <c>_links.next</c> page to read, or null (no link, or an empty page, which ends a misbehaving feed). HAL
    /// links are absolute; only their path and query are kept so a configured base URL (sandbox) stays in use.
    /// </summary>
    private static string? NextPage(IReadOnlyDictionary<string, ReverbLink>? links, int itemsOnPage) =>
        links is not null && links.TryGetValue("next", out var next) && itemsOnPage > 0
            ? Uri.TryCreate(next.Href, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : next.Href
            : null;
}
