using System.Diagnostics;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Hosting;

/// <summary>
/// The published app (<c>out/app</c>) carries Playwright's driver for the Linux plans it is deployed to, so the Vintage &amp; Rare
/// activities can drive the host's Chromium under the Functions host too (the browser itself comes from the host image).
/// </summary>
public sealed class PublishedPlaywrightTests
{
    private static string App => Path.GetDirectoryName(PublishedMetadata.Path)!;

    [Fact]
    public void PublishedApp_CarriesPlaywrightAndItsLinuxDriver_ExecutableAsPublished()
    {
        PublishedMetadata.Functions().ShouldNotBeEmpty();
        File.Exists(Path.Combine(App, "Microsoft.Playwright.dll")).ShouldBeTrue();
        File.Exists(Path.Combine(App, ".playwright", "package", "cli.js")).ShouldBeTrue();
        var node = Path.Combine(App, ".playwright", "node", "linux-x64", "node");
        File.Exists(node).ShouldBeTrue($"{node} is missing: the publish must carry Playwright's Linux driver");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(node).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue("the driver's node must stay executable");
        }
    }

    /// <summary>The driver as published answers (on Linux x64, as the test machines and the deployed plans are).</summary>
    [Fact]
    public async Task PublishedDriver_Runs()
    {
        var start = new ProcessStartInfo(Path.Combine(App, ".playwright", "node", "linux-x64", "node")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(App, ".playwright", "package", "cli.js"));
        start.ArgumentList.Add("--version");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.ShouldBe(0, await error);
        output.ShouldStartWith("Version ");
    }
}
