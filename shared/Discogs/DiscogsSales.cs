namespace Marketplace.Shared.Discogs;

/// <summary>The Discogs order statuses that hold no stock.</summary>
public static class DiscogsSales
{
    /// <summary>
    /// Why an order in <paramref name="status"/> commits no units, or null when it holds them. Discogs takes the listing
    /// off sale when it is ordered; the order holds it until it is cancelled (<c>Cancelled (Non-Paying Buyer)</c>,
    /// <c>Cancelled (Item Unavailable)</c>, <c>Cancelled (Per Buyer's Request)</c>). <c>Refund Sent</c> still holds: a
    /// refund alone does not bring the record back.
    /// </summary>
    public static string? ReleasedReason(string? status) =>
        status?.Trim() is { } s && s.StartsWith("Cancelled", StringComparison.OrdinalIgnoreCase) ? $"{s} on Discogs" : null;
}
