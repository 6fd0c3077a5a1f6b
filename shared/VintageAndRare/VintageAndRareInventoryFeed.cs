using System.Globalization;
using System.Xml.Linq;
using Marketplace.Shared.Secrets;

namespace Marketplace.Shared.VintageAndRare;

/// <summary>One item of the dealer inventory feed (items on sale).</summary>
public sealed record VintageAndRareFeedItem(string Id, string Sku, string Status);

/// <summary>
/// Reads the dealer inventory feed over plain HTTP (no browser, no login): the listings V&amp;R shows as on sale.
/// A listing we know that is missing from it is not removed on this evidence alone (see <see cref="VintageAndRareFeedVerdict"/>).
/// </summary>
public sealed class VintageAndRareInventoryFeed(HttpClient http, VintageAndRareOptions options, ISecretStore secrets)
{
    /// <summary>Every item in the feed.</summary>
    public async Task<IReadOnlyList<VintageAndRareFeedItem>> GetItemsAsync(CancellationToken cancellationToken = default)
    {
        var key = await secrets.GetSecretAsync(SecretNames.Compose("vintageandrare", options.Account, "feedkey"), cancellationToken)
            ?? throw new VintageAndRareException($"No Vintage & Rare feed key in the secret store for account '{options.Account}'.", transient: false);
        var url = new Uri(options.BaseUrl!, string.Format(CultureInfo.InvariantCulture, options.Paths.InventoryFeed, Uri.EscapeDataString(key)));
        using var response = await http.GetAsync(url, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new VintageAndRareException($"Vintage & Rare inventory feed answered {(int)response.StatusCode}.", response.StatusCode,
                rawBody: await response.Content.ReadAsStringAsync(cancellationToken));
        }

        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return feed.Root?.Elements("item").Select(i => new VintageAndRareFeedItem((string?)i.Element("id") ?? string.Empty,
            (string?)i.Element("sku") ?? string.Empty, ((string?)i.Element("status") ?? string.Empty).ToLowerInvariant())).ToList() ?? [];
    }
}

/// <summary>What a listing missing from the feed becomes.</summary>
public enum VintageAndRareFeedVerdict
{
    /// <summary>Still in the feed: nothing to do.</summary>
    Listed,

    /// <summary>Missing, and another platform shows the item sold or ended: mark the V&amp;R listing REMOVED.</summary>
    Removed,

    /// <summary>Missing with no corroboration: flag it for an operator instead of guessing.</summary>
    Review,
}

/// <summary>The shop's rule for "not found on the feed": REMOVED only when another platform corroborates it.</summary>
public static class VintageAndRareFeedRule
{
    /// <param name="inFeed">The SKU is in the feed.</param>
    /// <param name="otherPlatformStatuses">Canonical statuses of the same SKU on the other platforms (Reverb first in practice).</param>
    public static VintageAndRareFeedVerdict Judge(bool inFeed, IEnumerable<string> otherPlatformStatuses) =>
        inFeed ? VintageAndRareFeedVerdict.Listed
        : otherPlatformStatuses.Any(s => s is "SOLD" or "ENDED") ? VintageAndRareFeedVerdict.Removed
        : VintageAndRareFeedVerdict.Review;
}
