namespace Marketplace.Shared.Discogs;

/// <summary>The Discogs order statuses that hold no stock, and merged orders.</summary>
public static class DiscogsSales
{
    /// <summary>The status of an order the buyer merged into another: its items live on in that order.</summary>
    public const string Merged = "Merged";

    /// <summary>True for an order merged into another (<see cref="Merged"/>), which sells nothing itself.</summary>
    public static bool IsMerged(string? status) => string.Equals(status?.Trim(), Merged, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The merged order each listing was first sold in among <paramref name="mergedOrders"/> (oldest first): an order merged
    /// into another keeps the identity of its items' sale, so the order they move to takes no stock twice.
    /// </summary>
    public static IReadOnlyDictionary<long, DiscogsOrder> FirstMergedOrders(IEnumerable<DiscogsOrder> mergedOrders)
    {
        ArgumentNullException.ThrowIfNull(mergedOrders);
        var first = new Dictionary<long, DiscogsOrder>();
        foreach (var order in mergedOrders.Where(o => IsMerged(o.Status)).OrderBy(o => o.Created))
        {
            foreach (var item in order.Items)
            {
                first.TryAdd(item.Id, order);
            }
        }

        return first;
    }

    /// <summary>
    /// For each listing of <paramref name="firstMerged"/>, the order that took its items over: the earliest order that is not
    /// merged, holds the listing and was created at or after the merged order (<paramref name="orders"/>: every order since
    /// then). A later order of the same listing (the merged order was cancelled and the record sold again) is a new sale.
    /// </summary>
    public static IReadOnlyDictionary<long, string> Heirs(IReadOnlyDictionary<long, DiscogsOrder> firstMerged, IEnumerable<DiscogsOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(firstMerged);
        ArgumentNullException.ThrowIfNull(orders);
        var heirs = new Dictionary<long, string>();
        foreach (var order in orders.Where(o => !IsMerged(o.Status)).OrderBy(o => o.Created))
        {
            foreach (var item in order.Items)
            {
                if (firstMerged.TryGetValue(item.Id, out var merged) && order.Created >= merged.Created)
                {
                    heirs.TryAdd(item.Id, order.Id);
                }
            }
        }

        return heirs;
    }

    /// <summary>
    /// Why an order in <paramref name="status"/> commits no units, or null when it holds them. Discogs takes the listing
    /// off sale when it is ordered; the order holds it until it is cancelled (<c>Cancelled (Non-Paying Buyer)</c>,
    /// <c>Cancelled (Item Unavailable)</c>, <c>Cancelled (Per Buyer's Request)</c>). <c>Refund Sent</c> still holds: a
    /// refund alone does not bring the record back.
    /// </summary>
    public static string? ReleasedReason(string? status) =>
        status?.Trim() is { } s && s.StartsWith("Cancelled", StringComparison.OrdinalIgnoreCase) ? $"{s} on Discogs" : null;
}
