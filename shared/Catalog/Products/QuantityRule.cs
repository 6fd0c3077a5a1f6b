namespace Marketplace.Shared.Catalog.Products;

/// <summary>
/// How much of the ledger's stock one platform shows (the ledger stays the truth; the rule only shapes what leaves).
/// Shown = <c>floor((stock − Buffer) × Percent / 100)</c>, at least 1 while anything is left after the buffer and
/// <see cref="Percent"/> is positive (a percentage never hides the last unit), capped at <see cref="Maximum"/>.
/// <see cref="OneOffOnly"/>: the platform carries one-off items only, so a stocked item shows 0 there.
/// The default rule (<see cref="None"/>) shows the whole stock.
/// </summary>
public sealed record QuantityRule(decimal Percent = 100m, int? Maximum = null, int Buffer = 0, bool OneOffOnly = false)
{
    /// <summary>The rule of a platform nobody configured: all stock, no cap, no buffer.</summary>
    public static QuantityRule None { get; } = new();

    /// <summary>True when the platform shows exactly the ledger's stock (so its quantity maps back 1:1 on a pull).</summary>
    public bool IsIdentity => this == None;

    /// <summary>The quantity the platform shows for <paramref name="stock"/> units of a stocked or one-off item.</summary>
    public int Apply(int stock, bool stocked)
    {
        if (OneOffOnly && stocked)
        {
            return 0;
        }

        var available = Math.Max(0, stock - Buffer);
        var shown = (int)Math.Floor(available * Percent / 100m);
        if (shown == 0 && available > 0 && Percent > 0m)
        {
            shown = 1;
        }

        return Maximum is { } maximum ? Math.Min(shown, maximum) : shown;
    }

    /// <summary>The problems of this rule by field name (<c>percent</c>, <c>maximum</c>, <c>buffer</c>); empty when valid.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Percent is < 0m or > 100m)
        {
            errors["percent"] = "The percentage of stock shown must be between 0 and 100.";
        }

        if (Maximum is < 0)
        {
            errors["maximum"] = "The maximum shown cannot be negative.";
        }

        if (Buffer < 0)
        {
            errors["buffer"] = "The buffer kept back cannot be negative.";
        }

        return errors;
    }
}
