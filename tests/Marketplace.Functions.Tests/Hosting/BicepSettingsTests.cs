using System.Text.RegularExpressions;
using Marketplace.Functions.AppFolder;
using Marketplace.TestSupport;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Hosting;

/// <summary>
/// The deployment template and the function.json files must agree: a binding expression <c>%Name%</c> that the Azure
/// app settings do not define stops the Functions host from indexing the function, so the app would not start in Azure.
/// </summary>
public sealed partial class BicepSettingsTests
{
    [Fact]
    public void EveryBindingExpressionSetting_IsAnAppSettingOfTheBicepTemplate()
    {
        var catalog = FunctionDefinitions.BuildCatalog(new ConfigurationBuilder().Build());
        var bindings = string.Join('\n', catalog.Functions.Select(f => FunctionJson.Render(f).ToJsonString()));
        var bicep = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra-bicep", "main.bicep"));
        var appSettings = AppSetting().Matches(bicep).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var referenced = Expression().Matches(bindings).Select(m => m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal)).Distinct().ToList();

        referenced.Where(name => !appSettings.Contains(name)).ShouldBeEmpty("binding expressions without an app setting in infra-bicep/main.bicep");
    }

    [GeneratedRegex("%([^%\"]+)%")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\{\s*name:\s*'([^']+)'\s*,\s*value:")]
    private static partial Regex AppSetting();
}
