using System.Text.Json.Nodes;
using Marketplace.Functions.AppFolder;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Hosting;

public sealed class AppFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "appfolder-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Write_CreatesHostJsonAndOneFunctionJsonPerFunction_AndCopiesTheExecutable()
    {
        var publish = Path.Combine(_root, "publish");
        Directory.CreateDirectory(publish);
        File.WriteAllText(Path.Combine(publish, "Marketplace.Functions"), "#!/bin/sh\n");
        File.WriteAllText(Path.Combine(publish, "Marketplace.Functions.dll"), "dll");
        var app = Path.Combine(_root, "app");
        var catalog = FunctionDefinitions.BuildCatalog(new ConfigurationBuilder().Build());

        AppFolderWriter.Write(catalog, app, publish);

        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(app, "host.json")))!;
        host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>().ShouldBe("Marketplace.Functions");
        File.Exists(Path.Combine(app, "Marketplace.Functions.dll")).ShouldBeTrue();
        foreach (var function in catalog.Functions)
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(app, function.Name, "function.json")))!;
            json["bindings"]!.AsArray().Count.ShouldBeGreaterThan(0);
        }

        Directory.GetDirectories(app).Select(Path.GetFileName).Order().ShouldBe(catalog.Functions.Select(f => f.Name).Order());
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(app, "Marketplace.Functions")).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue();
        }
    }

    [Fact]
    public void Verb_WithoutAFolder_PrintsUsageAndFails()
    {
        AppFolderCommand.Run([AppFolderWriter.Verb]).ShouldBe(2);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
