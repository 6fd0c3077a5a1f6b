using System.Text.RegularExpressions;

namespace Marketplace.Functions.Hosting;

/// <summary>
/// <c>%Setting%</c> binding expressions in trigger attributes (schedules, queue names, blob paths), resolved from
/// configuration the way the Functions host resolves them from app settings.
/// </summary>
internal static partial class BindingExpressions
{
    /// <summary>The value a setting used in a binding expression has when configuration does not set it.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        [Timers.ReconciliationTimerFunction.ScheduleSetting] = Timers.ReconciliationTimerFunction.DefaultSchedule,
        [Photos.PhotoArrivedFunction.ContainerSetting] = Photos.PhotoArrivedFunction.DefaultContainer,
        [Webhooks.WebhookOptions.QueueSetting] = Webhooks.WebhookOptions.DefaultQueue,
    };

    /// <summary>Adds <see cref="Defaults"/> as the lowest-priority configuration source.</summary>
    public static void AddDefaults(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });

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

    /// <summary>The settings a binding expression names.</summary>
    public static IEnumerable<string> Settings(string value) => Expression().Matches(value).Select(m => m.Groups[1].Value);

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Expression();
}
