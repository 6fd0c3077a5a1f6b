using System.Text.RegularExpressions;

namespace Marketplace.Functions.Catalog;

/// <summary>
/// <c>%Setting%</c> binding expressions in trigger settings (queue names, paths), resolved from configuration the
/// way the Functions host resolves them from app settings.
/// </summary>
internal static partial class BindingExpressions
{
    /// <summary>Replaces every <c>%name%</c> in <paramref name="value"/> with the setting's value.</summary>
    /// <exception cref="InvalidOperationException">A referenced setting is missing or empty (named in the message).</exception>
    public static string Resolve(string value, IConfiguration configuration) =>
        Expression().Replace(value, match =>
        {
            var name = match.Groups[1].Value;
            var resolved = configuration[name];
            return string.IsNullOrWhiteSpace(resolved)
                ? throw new InvalidOperationException($"Setting '{name.Replace(":", "__", StringComparison.Ordinal)}' is required: the binding expression '{value}' uses it.")
                : resolved;
        });

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Expression();
}
