namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// Fault-injection hooks for crash tests. Inert unless the environment variable
/// <c>MARKETPLACE_ENGINE_CRASH_POINTS</c> lists point names with their chance per hit
/// (<c>after-commit=0.3,in-activity=0.05</c>; a name without <c>=</c> uses
/// <c>MARKETPLACE_ENGINE_CRASH_PROBABILITY</c>, default 0.05). When a point fires,
/// the process writes <c>CRASHPOINT name</c> to standard output and blocks, so that the test kills it (SIGKILL)
/// exactly there.
/// </summary>
internal static class CrashPoints
{
    public const string AfterCommit = "after-commit";
    public const string AfterSend = "after-send";
    public const string InActivity = "in-activity";

    private static readonly double DefaultProbability = double.TryParse(Environment.GetEnvironmentVariable("MARKETPLACE_ENGINE_CRASH_PROBABILITY"),
        System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0.05;

    private static readonly Dictionary<string, double> Enabled = Parse(Environment.GetEnvironmentVariable("MARKETPLACE_ENGINE_CRASH_POINTS"));

    private static int _fired;

    public static void Hit(string point)
    {
        if (Enabled.Count == 0 || !Enabled.TryGetValue(point, out var probability) || Random.Shared.NextDouble() >= probability)
        {
            return;
        }

        if (Interlocked.Exchange(ref _fired, 1) == 0)
        {
            Console.Out.WriteLine("CRASHPOINT " + point);
            Console.Out.Flush();
        }

        // Wait for the kill; never return into the code path that the crash interrupts.
        Thread.Sleep(Timeout.Infinite);
    }

    private static Dictionary<string, double> Parse(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(
                pair => pair[0],
                pair => pair.Length == 2 && double.TryParse(pair[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var chance) ? chance : DefaultProbability,
                StringComparer.OrdinalIgnoreCase);
}
