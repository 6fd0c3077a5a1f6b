using Marketplace.Functions.Demo;
using Marketplace.Functions.Tests.Support;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Demo;

/// <summary>The demo data of <c>demo/</c> seeded twice against Azurite and the sandboxes: the second run changes nothing.</summary>
[Trait("Category", "Integration")]
public sealed class DemoSeedTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string DemoFolder => Path.Combine(RepositoryPaths.Root, "demo");

    [Fact]
    public async Task Seeding_Twice_CreatesNothingTheSecondTime_AndListsTheDemoListingsOnTheSandboxesOnce()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        foreach (var (key, value) in await sandbox.PlatformSettingsAsync())
        {
            settings[key] = value;
        }

        settings["Sync:TaskHub"] = AzuriteFixture.UniqueName("demo");
        settings["Sync:WorkerEnabled"] = "true";
        settings["Reconciliation:Schedule"] = "0 0 0 1 1 *";
        settings["Photos:Container"] = AzuriteFixture.UniqueName("photos");
        await using var app = new FunctionsAppFactory(settings);
        app.CreateClient().Dispose();
        var seeder = app.Services.GetRequiredService<DemoSeeder>();
        var listings = app.Services.GetRequiredService<ListingStore>();
        var connectors = app.Services.GetRequiredService<SyncConnectors>();
        var expected = await ExpectedListingsAsync();

        var first = await seeder.SeedAsync(DemoFolder);
        (first.Created + first.Updated + first.Unchanged).ShouldBe(8);
        (first.Published + first.Relisted + first.AlreadyListed).ShouldBe(expected.Count);
        await Eventually.WaitAsync(async () => (await UnpushedAsync(listings, expected)).Count == 0, "the demo listings to be pushed", timeoutSeconds: 120)
            .ContinueWith(async t => t.IsFaulted ? throw new TimeoutException("Not pushed: " + string.Join("; ", await UnpushedAsync(listings, expected))) : Task.CompletedTask).Unwrap();

        var second = await seeder.SeedAsync(DemoFolder);

        second.ShouldBe(new DemoSeedResult(Created: 0, Updated: 0, Unchanged: 8, Published: 0, Relisted: 0, AlreadyListed: expected.Count));
        foreach (var (sku, platform) in expected)
        {
            (await connectors.Get(platform).FindListingAsync(sku)).ShouldNotBeNull($"{sku} on {platform}");
        }

        // A one-off sells on eBay; seeding again (the run command run again) must leave it sold and unlisted.
        var catalog = app.Services.GetRequiredService<ProductCatalog>();
        var sold = (await Task.WhenAll(expected.GroupBy(e => e.Sku).Where(g => g.Count() == 3).Select(g => catalog.GetAsync(g.Key))))
            .First(p => p is { Stocked: false, Quantity: 1 })!.Sku;
        var sale = new SaleEvent("ebay", "DEMO-1", "1", sold, 1, null, null, DateTimeOffset.UtcNow);
        await app.Services.GetRequiredService<SaleStarter>().StartAsync(sale);
        await Eventually.WaitAsync(async () => (await listings.GetAsync(sold, Platform.Shopify))?.Status == ListingStatus.Ended, "the sold item to be ended on Shopify", timeoutSeconds: 120);

        var third = await seeder.SeedAsync(DemoFolder);

        third.Relisted.ShouldBe(0);
        var product = (await catalog.GetAsync(sold))!;
        (product.Status, product.Quantity).ShouldBe((ProductStatus.Sold, 0));
        foreach (var platform in new[] { Platform.Shopify, Platform.Reverb })
        {
            (await connectors.Get(platform).FindListingAsync(sold))?.Status.ShouldNotBe("ACTIVE", $"{sold} on {platform}");
        }
    }

    private static async Task<List<string>> UnpushedAsync(ListingStore listings, List<(string Sku, Platform Platform)> expected)
    {
        var missing = new List<string>();
        foreach (var (sku, platform) in expected)
        {
            var listing = await listings.GetAsync(sku, platform);
            if (listing?.LastPushedVersion is null)
            {
                missing.Add($"{sku}/{platform}: {listing?.Status} {listing?.LastError}");
            }
        }

        return missing;
    }

    private static async Task<List<(string Sku, Platform Platform)>> ExpectedListingsAsync() =>
        [.. (await File.ReadAllLinesAsync(Path.Combine(DemoFolder, DemoSeeder.ListingsFile))).Skip(1).Where(l => l.Length > 0)
            .SelectMany(l => l.Split(',')[1].Split('|').Select(p => (l.Split(',')[0], PlatformNames.TryParse(p, out var platform) ? platform : throw new FormatException(p))))];
}
