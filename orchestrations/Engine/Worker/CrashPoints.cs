namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// Fault-injection hooks for crash tests. Inert unless the environment variable
/// <c>MARKETPLACE_ENGINE_CRASH_POINTS</c> lists point names (comma-separated) and
/// <c>MARKETPLACE_ENGINE_CRASH_PROBABILITY</c> gives the chance (0-1, default 0.05) per hit. When a point fires,
/// the process writes <c>CRASHPOINT name</c> to standard output and blocks, so that the test kills it (SIGKILL)
/// exactly there.
/// </summary>
internal static class CrashPoints
{
    public const string AfterCommit = "after-commit";
    public const string AfterSend = "after-send";
    public const string InActivity = "in-activity";

    private static readonly HashSet<string> Enabled = Parse(Environment.GetEnvironmentVariable("MARKETPLACE_ENGINE_CRASH_POINTS"));
    private static readonly double Probability = double.TryParse(Environment.GetEnvironmentVariable("MARKETPLACE_ENGINE_CRASH_PROBABILITY"),
        System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0.05;

    private static int _fired;

    public static void Hit(string point)
    {
        if (Enabled.Count == 0 || !Enabled.Contains(point) || Random.Shared.NextDouble() >= Probability)
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

    private static HashSet<string> Parse(string? value) =>
        new((value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
