using System.Diagnostics;
using Marketplace.Shared.VintageAndRare;
using Xunit;

namespace Marketplace.TestSupport;

/// <summary>A fact that needs Debian's Chromium: skipped, with the reason, only when it cannot start headless here.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Problem = new(Probe);

    public ChromiumFactAttribute()
    {
        if (Problem.Value is { } problem)
        {
            Skip = problem;
        }
    }

    private static string? Probe()
    {
        var options = new VintageAndRareOptions();
        try
        {
            var start = new ProcessStartInfo(options.ChromiumPath) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in options.ChromiumArgs.Prepend("--headless").Append("--dump-dom").Append("about:blank"))
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            _ = process.StandardError.ReadToEndAsync();
            var dom = process.StandardOutput.ReadToEnd();
            return process.WaitForExit(60_000) && process.ExitCode == 0 && dom.Contains("<html", StringComparison.Ordinal)
                ? null
                : $"Chromium at {options.ChromiumPath} cannot start headless (exit {process.ExitCode}); install the Debian 'chromium' package (scripts/setup.sh).";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"Chromium at {options.ChromiumPath} cannot start: {ex.Message}; install the Debian 'chromium' package (scripts/setup.sh).";
        }
    }
}
