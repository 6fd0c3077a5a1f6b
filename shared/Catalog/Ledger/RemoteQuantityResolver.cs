using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Catalog.Ledger;

/// <summary>
/// What a quantity reported by a platform means for the catalog. <see cref="Effective"/> is the reported quantity with
/// the platform's sales brought to the catalog's point of view: its sales not yet in the ledger added back (the
/// platform already counted them, the ledger will when their SALE arrives), and its ledgered sales that the report did
/// not see yet (after <c>observedAt</c>) taken off. Only a difference between <see cref="Effective"/> and
/// <see cref="Catalog"/> is a change made on the platform, and not even that when it is an <see cref="Echo"/>.
/// </summary>
/// <param name="Sku">The product.</param>
/// <param name="Platform">Who reported.</param>
/// <param name="Reported">The quantity the platform reported.</param>
/// <param name="Catalog">The catalog's quantity, from the same ledger read as the event ids.</param>
/// <param name="Effective">The reported quantity with the platform's sales accounted for.</param>
/// <param name="Unledgered">The platform's sales (reflected in the report) that are not in the ledger yet: ingest them through the sale path.</param>
/// <param name="Echo">True when <see cref="Effective"/> equals a quantity recently pushed to the platform (the platform is showing our own push).</param>
public sealed record RemoteQuantityResolution(string Sku, Platform Platform, int Reported, int Catalog, int Effective, IReadOnlyList<SaleEvent> Unledgered, bool Echo)
{
    /// <summary>True when the platform's quantity is a change to stage (a correction made on the platform by a person).</summary>
    public bool IsChange => !Echo && Effective != Catalog;
}

/// <summary>
/// The one rule for comparing a platform's quantity with the catalog: sales first, then drift. A sale reaches us twice
/// (the SALE entry of its order line, and the platform's lower stock level); comparing the stock level with the catalog
/// before the sale is in the ledger would count the sale twice (a SYNC_CORRECTION plus the SALE). So the platform's
/// sales are accounted for first (<see cref="RemoteQuantityResolution.Effective"/>), and only the difference that
/// remains is a change. A remote quantity equal to one we pushed within <see cref="EchoWindow"/> (a non-platform ledger
/// entry's quantity after) is an echo of our own push, not a change. Reads one product's ledger; changes nothing.
/// </summary>
public sealed class RemoteQuantityResolver(InventoryLedger ledger)
{
    /// <summary>How long after a catalog change a platform may still show the quantity pushed for it. Default one hour.</summary>
    public TimeSpan EchoWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Reads the SKU's ledger and resolves <paramref name="reported"/> (see <see cref="Resolve"/>).</summary>
    /// <param name="sku">The product.</param>
    /// <param name="platform">Who reported.</param>
    /// <param name="reported">The platform's quantity.</param>
    /// <param name="platformSales">The platform's recent sales of the SKU (other SKUs and platforms are ignored), ledgered or not.</param>
    /// <param name="observedAt">When the platform's quantity was read; sales after it are not in <paramref name="reported"/>.</param>
    /// <param name="cancellationToken">Cancels the ledger read.</param>
    public async Task<RemoteQuantityResolution> ResolveAsync(string sku, Platform platform, int reported, IEnumerable<SaleEvent> platformSales, DateTimeOffset observedAt,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        var entries = await ledger.ListAsync(sku, cancellationToken);
        return Resolve(sku, platform, reported, entries, platformSales, observedAt, EchoWindow);
    }

    /// <summary>
    /// The rule, pure: the catalog quantity is the last entry's quantity after (0 without entries); every sale of
    /// <paramref name="platform"/> and <paramref name="sku"/> (once per event id) that happened by
    /// <paramref name="observedAt"/> and is not in <paramref name="entries"/> is added back (the units it still commits); every ledgered one after it
    /// is taken off (its applied delta). The echo candidates are the quantities after of entries not from the platform
    /// made within <paramref name="echoWindow"/> before <paramref name="observedAt"/>.
    /// </summary>
    public static RemoteQuantityResolution Resolve(string sku, Platform platform, int reported, IReadOnlyList<LedgerEntry> entries, IEnumerable<SaleEvent> platformSales,
        DateTimeOffset observedAt, TimeSpan echoWindow)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(platformSales);
        var byEvent = entries.GroupBy(e => e.EventId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var catalog = entries.Count == 0 ? 0 : entries.MaxBy(e => e.Sequence)!.QuantityAfter;
        var effective = reported;
        var unledgered = new List<SaleEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sale in platformSales)
        {
            if (!PlatformNames.TryParse(sale.Platform, out var source) || source != platform || !string.Equals(sale.Sku, sku, StringComparison.OrdinalIgnoreCase)
                || sale.Quantity < 1 || !seen.Add(sale.EventId))
            {
                continue;
            }

            var reflected = sale.OccurredAt <= observedAt;
            if (byEvent.TryGetValue(sale.EventId, out var entry))
            {
                effective += reflected ? 0 : entry.AppliedDelta;
            }
            else if (reflected && sale.CommittedQuantity > 0)
            {
                // A cancelled or restocked line holds no (or fewer) units: the platform's quantity already has them back.
                effective += sale.CommittedQuantity;
                unledgered.Add(sale);
            }
        }

        var echo = effective != catalog && entries.Any(e => e.Source != platform && e.At >= observedAt - echoWindow && e.QuantityAfter == effective);
        return new RemoteQuantityResolution(sku, platform, reported, catalog, Math.Max(0, effective), unledgered, echo);
    }
}
