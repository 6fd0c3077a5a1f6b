using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketplace.Shared.Catalog.Products;

/// <summary>
/// Parses the compact price-rule form used in CSV files: <c>[±P%][±F][@Step/Ending]</c>, e.g. <c>+10%</c>,
/// <c>-5%@1000/999</c>, <c>+25</c>, <c>+8%+2.50@1/0.99</c>; and per-platform lists <c>ebay=+10%;shopify=-5%@1000/999</c>.
/// </summary>
public static partial class PriceRuleParser
{
    /// <summary>Parses one rule; false with a reason for anything else.</summary>
    public static bool TryParse(string text, out PriceRule? rule, out string? error)
    {
        rule = null;
        var match = RulePattern().Match(text.Trim());
        if (!match.Success || text.Trim().Length == 0)
        {
            error = $"'{CatalogText.Excerpt(text)}' is not a price rule like +10%, -5%@1000/999 or +8%+2.50@1/0.99.";
            return false;
        }

        var percent = match.Groups["p"].Success ? decimal.Parse(match.Groups["p"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) : 0m;
        var fixedMarkup = match.Groups["f"].Success ? decimal.Parse(match.Groups["f"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) : 0m;
        PriceRounding? rounding = null;
        if (match.Groups["s"].Success)
        {
            var step = decimal.Parse(match.Groups["s"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            var ending = decimal.Parse(match.Groups["e"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (step <= 0m || ending < 0m || ending >= step)
            {
                error = $"Rounding '{step.ToString(CultureInfo.InvariantCulture)}/{ending.ToString(CultureInfo.InvariantCulture)}' needs a positive step and 0 <= ending < step.";
                return false;
            }

            rounding = new PriceRounding(step, ending);
        }

        if (percent <= -100m)
        {
            error = $"A markup of {percent.ToString(CultureInfo.InvariantCulture)}% would make every price zero or negative.";
            return false;
        }

        rule = new PriceRule(percent, fixedMarkup, rounding);
        error = null;
        return true;
    }

    /// <summary>Parses <c>platform=rule;platform=rule</c>; an empty text is the empty map.</summary>
    public static bool TryParseMap(string? text, out Dictionary<Platform, PriceRule> rules, out string? error)
    {
        rules = [];
        error = null;
        foreach (var part in (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !PlatformNames.TryParse(pair[0], out var platform))
            {
                error = $"'{CatalogText.Excerpt(part)}' is not platform=rule with a platform among {PlatformNames.Expected}.";
                return false;
            }

            if (!TryParse(pair[1], out var rule, out error))
            {
                return false;
            }

            if (!rules.TryAdd(platform, rule!))
            {
                error = $"Platform '{platform.ToWire()}' has two rules.";
                return false;
            }
        }

        return true;
    }

    /// <summary>The text form of a map, platforms in declaration order.</summary>
    public static string Format(IReadOnlyDictionary<Platform, PriceRule> rules) =>
        string.Join(";", rules.OrderBy(r => r.Key).Select(r => r.Key.ToWire() + "=" + r.Value));

    [GeneratedRegex(@"^(?:(?<p>[+-]?\d+(?:\.\d+)?)%)?(?<f>[+-]\d+(?:\.\d+)?)?(?:@(?<s>\d+(?:\.\d+)?)/(?<e>\d+(?:\.\d+)?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RulePattern();
}
