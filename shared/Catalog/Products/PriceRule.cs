using System.Globalization;

namespace Marketplace.Shared.Catalog.Products;

/// <summary>
/// How a platform's price derives from the base price: <c>base × (1 + PercentMarkup/100) + FixedMarkup</c>,
/// rounded half away from zero to cents, then <see cref="Rounding"/> if set. Markups may be negative
/// (a discount). The empty rule sells at the base price.
/// </summary>
public sealed record PriceRule(decimal PercentMarkup = 0m, decimal FixedMarkup = 0m, PriceRounding? Rounding = null)
{
    /// <summary>The platform price for <paramref name="basePrice"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The base price is negative or the rule makes the price negative.</exception>
    public decimal Apply(decimal basePrice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(basePrice);
        var price = Math.Round(basePrice * (1m + PercentMarkup / 100m) + FixedMarkup, 2, MidpointRounding.AwayFromZero);
        if (price < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(basePrice), basePrice, $"The rule {this} makes the price negative ({price.ToString(CultureInfo.InvariantCulture)}).");
        }

        return Rounding is null ? price : Rounding.Apply(price);
    }

    /// <summary>Compact text form, e.g. <c>-5%+2.50@1000/999</c> (see <see cref="PriceRuleParser"/>).</summary>
    public override string ToString()
    {
        var text = string.Empty;
        if (PercentMarkup != 0m)
        {
            text += (PercentMarkup > 0 ? "+" : string.Empty) + PercentMarkup.ToString(CultureInfo.InvariantCulture) + "%";
        }

        if (FixedMarkup != 0m)
        {
            text += (FixedMarkup > 0 ? "+" : string.Empty) + FixedMarkup.ToString(CultureInfo.InvariantCulture);
        }

        if (Rounding is not null)
        {
            text += "@" + Rounding;
        }

        return text.Length == 0 ? "0%" : text;
    }
}

/// <summary>
/// "Round up to the next price ending in …": the smallest <c>n × Step + Ending</c> (n = 0, 1, 2, …) that is at
/// least the price. <c>Step</c> is positive and <c>0 ≤ Ending &lt; Step</c>. Examples:
/// <see cref="UpToNextThousandMinusOne"/> ("up to the next x,999": 1234.50 → 1999, 999 → 999, 1999.01 → 2999),
/// <see cref="UpToNextHundredMinusCent"/> (1234.50 → 1299.99), <see cref="UpToNinetyNinePence"/> (12.30 → 12.99).
/// </summary>
public sealed record PriceRounding
{
    public PriceRounding(decimal step, decimal ending)
    {
        if (step <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The rounding step must be positive.");
        }

        if (ending < 0m || ending >= step)
        {
            throw new ArgumentOutOfRangeException(nameof(ending), ending, $"The ending must be at least 0 and less than the step {step.ToString(CultureInfo.InvariantCulture)}.");
        }

        Step = step;
        Ending = ending;
    }

    /// <summary>"Up to the next x,999": 1234.50 → 1999.</summary>
    public static PriceRounding UpToNextThousandMinusOne { get; } = new(1000m, 999m);

    /// <summary>Up to the next …99.99: 1234.50 → 1299.99.</summary>
    public static PriceRounding UpToNextHundredMinusCent { get; } = new(100m, 99.99m);

    /// <summary>Up to the next …x.99: 12.30 → 12.99.</summary>
    public static PriceRounding UpToNinetyNinePence { get; } = new(1m, 0.99m);

    public decimal Step { get; }

    public decimal Ending { get; }

    /// <summary>The rounded price (unchanged when it already has the ending).</summary>
    public decimal Apply(decimal price)
    {
        var n = Math.Ceiling((price - Ending) / Step);
        return Math.Max(n, 0m) * Step + Ending;
    }

    /// <summary><c>Step/Ending</c>, e.g. <c>1000/999</c>.</summary>
    public override string ToString() =>
        Step.ToString(CultureInfo.InvariantCulture) + "/" + Ending.ToString(CultureInfo.InvariantCulture);
}
