using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Http;

/// <summary>Missing or invalid settings stop the app at start-up with an error that names the setting.</summary>
public sealed class StartupSettingsTests
{
    // Program prints the message of these exceptions and exits with 1; here the composition is started directly.
    private static Exception StartFailure(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return Should.Throw<Exception>(async () =>
        {
            builder.AddFunctionsApp();
            await using var app = builder.Build();
            app.MapFunctionsApp();
            await app.StartAsync();
            await app.StopAsync();
        });
    }

    private static Dictionary<string, string?> Valid() => FunctionsAppFactory.StandaloneSettings("UseDevelopmentStorage=true", "unused", triggers: false);

    [Fact]
    public void MissingAdminKeys_NamesAdminKeys()
    {
        var settings = Valid();
        settings.Remove("Admin:Keys");

        StartFailure(settings).ToString().ShouldContain("Admin__Keys");
    }

    [Fact]
    public void ShortAdminKey_NamesAdminKeys_WithoutPrintingTheKey()
    {
        var settings = Valid();
        settings["Admin:Keys"] = "short-key-value";

        var error = StartFailure(settings).ToString();
        error.ShouldContain("Admin__Keys");
        error.ShouldNotContain("short-key-value");
    }

    [Fact]
    public void InvalidSchedule_NamesReconciliationSchedule()
    {
        var settings = Valid();
        settings["Reconciliation:Schedule"] = "0 0 * * *";

        StartFailure(settings).ToString().ShouldContain("Reconciliation__Schedule");
    }

    [Theory]
    [InlineData("marketplace.example")]
    [InlineData("ftp://marketplace.example")]
    [InlineData("https://marketplace.example/?x=1")]
    public void ShopwarePublicBaseUrl_NotAnAbsoluteHttpUrl_NamesTheSetting(string value)
    {
        var settings = Valid();
        settings["Shopware:PublicBaseUrl"] = value;

        StartFailure(settings).ToString().ShouldContain("Shopware__PublicBaseUrl");
    }

    [Fact]
    public void MissingStorage_NamesAzureWebJobsStorage()
    {
        var settings = Valid();
        settings.Remove("AzureWebJobsStorage");

        StartFailure(settings).ShouldBeOfType<StorageConfigurationException>().SettingName.ShouldBe("AzureWebJobsStorage");
    }

    [Fact]
    public void BadBatchSize_NamesTheStandaloneSetting()
    {
        var settings = Valid();
        settings["Standalone:Queues:BatchSize"] = "64";

        StartFailure(settings).ToString().ShouldContain("Standalone__Queues__BatchSize");
    }
}
