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

            path = page.Links is not null && page.Links.TryGetValue("next", out var next) && (page.Orders?.Count ?? 0) > 0
                ? RelativeTo(next.Href)
                : null;
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

    /// <summary>HAL links are absolute; keep the path and query so a configured base URL (sandbox) stays in use.</summary>
    private static string RelativeTo(string href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : href;
}
