using System.Text.RegularExpressions;

namespace Marketplace.Shared.Storage.Queues;

/// <summary>The Queue service's naming rules, checked before any request so that a bad name fails clearly.</summary>
internal static partial class QueueNameValidator
{
    public const int MinLength = 3;
    public const int MaxLength = 63;

    public static bool IsValid(string? name) =>
        name is { Length: >= MinLength and <= MaxLength } && ValidName().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    public static void Validate(string? name, string parameterName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid queue name: a queue name has {MinLength}-{MaxLength} characters, only lowercase letters, " +
                "digits and hyphens, starts and ends with a letter or digit, and has no two hyphens in a row.",
                parameterName);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
