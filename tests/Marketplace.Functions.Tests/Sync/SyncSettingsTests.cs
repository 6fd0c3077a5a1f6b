using Marketplace.Functions.Tests.Support;
using Marketplace.Orchestrations.Sync;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>The app's sync workflows take their settings from section Sync (they were once built with defaults only, so Sync:ImageBaseUrl could never be set).</summary>
[Trait("Category", "Integration")]
public sealed class SyncSettingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SyncSection_SetsTheWorkflowOptions()
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false);
        settings["Sync:ImageBaseUrl"] = "https://images.example/catalog/";
        settings["Sync:ShopifyBulkThreshold"] = "7";
        settings["Sync:PushChunkSize"] = "3";
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();

        var options = app.Services.GetRequiredService<SyncOptions>();

        options.ImageBaseUrl.ShouldBe(new Uri("https://images.example/catalog/"));
        (options.ShopifyBulkThreshold, options.PushChunkSize).ShouldBe((7, 3));
        options.PlatformRetry.MaxNumberOfAttempts.ShouldBe(new SyncOptions().PlatformRetry.MaxNumberOfAttempts);
    }
}
