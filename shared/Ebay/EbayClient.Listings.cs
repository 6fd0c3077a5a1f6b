using System.Runtime.CompilerServices;

namespace Marketplace.Shared.Ebay;

public sealed partial class EbayClient
{
    /// <summary>Inventory items per <c>getInventoryItems</c> page (eBay allows 1 to 200; default 25).</summary>
    public const int InventoryPageSize = 100;

    /// <summary>
    /// <c>GET /sell/inventory/v1/inventory_item?limit=&amp;offset=</c>: every inventory item of the seller, page by page,
    /// following the page's <c>next</c> link until eBay names none. eBay offers no filter on this call (no
    /// modification date either). Streamed: memory does not grow with the number of items.
    /// </summary>
    public async IAsyncEnumerable<EbayInventoryItem> GetInventoryItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? path = $"/sell/inventory/v1/inventory_item?limit={InventoryPageSize}&offset=0";
        while (path is not null)
        {
            var current = path;
            var response = await SendAsync("getInventoryItems", () => Request(HttpMethod.Get, current), retrySafe: true, cancellationToken);
            var page = await ReadAsync<EbayInventoryItemPage>(response, cancellationToken);
            foreach (var item in page.InventoryItems ?? [])
            {
                yield return item;
            }

            // eBay's links are absolute; the path and query keep a configured base URL (sandbox) in use.
            path = page.Next is { Length: > 0 } next && (page.InventoryItems?.Count ?? 0) > 0
                ? Uri.TryCreate(next, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : next
                : null;
        }
    }
}
