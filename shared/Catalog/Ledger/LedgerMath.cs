namespace Marketplace.Shared.Catalog.Ledger;

/// <summary>The pure rule of the ledger: stock never goes below zero; a sale's shortfall is an oversell.</summary>
internal static class LedgerMath
{
    /// <summary>The delta actually applied to <paramref name="quantity"/> and the units a sale could not get.</summary>
    public static (int Applied, int Shortfall) Apply(int quantity, int delta, LedgerReason reason)
    {
        if (delta >= 0 || quantity + delta >= 0)
        {
            return (delta, 0);
        }

        // Take what is there; only a sale records the missing units as an oversell, other reasons just clamp.
        var applied = -quantity;
        return (applied, reason == LedgerReason.Sale ? applied - delta : 0);
    }

    /// <summary>Checks that the delta's sign fits its reason.</summary>
    public static void Validate(InventoryChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (string.IsNullOrWhiteSpace(change.EventId) || change.EventId.Length > 256)
        {
            throw CatalogValidationException.For("eventId", "An event id (1-256 characters) is required: it makes the change idempotent.");
        }

        var ok = change.Reason switch
        {
            LedgerReason.Sale => change.Delta < 0,
            LedgerReason.Return => change.Delta > 0,
            _ => change.Delta != 0,
        };
        if (!ok)
        {
            throw CatalogValidationException.For("delta", change.Reason switch
            {
                LedgerReason.Sale => "A sale has a negative delta.",
                LedgerReason.Return => "A return has a positive delta.",
                _ => "The delta cannot be zero.",
            });
        }
    }
}
