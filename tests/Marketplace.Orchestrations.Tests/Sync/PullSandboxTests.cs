using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Full sync PULL against the Shopify sandbox through the real <see cref="ShopifyListingReader"/>, Azurite for everything else.</summary>
[Trait("Category", "Integration")]
public sealed class PullSandboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Pull_FromTheShopifySandbox_StagesATitleChangedThere_AndAnIncrementalPullAfterwardsReadsNothingNew()
    {
        await using var shopify = await ShopifySandboxServer.StartAsync();
        var domain = $"pull{Guid.NewGuid():N}"[..16] + ".myshopify.com";
        var (_, token) = shopify.Sandbox.ProvisionShop(domain);
        var client = new ShopifyClient(new ShopifyClientOptions
        {
            ShopDomain = domain, AccessToken = token, BaseAddress = shopify.BaseAddress, BulkPollInterval = TimeSpan.FromMilliseconds(100),
        }, pacer: new ShopifyCostPacer());
        var connector = new ShopifyConnector(client);
        await using var harness = await PullHarness.StartAsync(azurite.Account, services: s =>
        {
            s.AddSingleton<IMarketplaceConnector>(connector);
            s.AddSingleton<IMarketplaceListingReader>(new ShopifyListingReader(client));
        });
        var skus = new List<string>();
        var prefix = "SH" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        for (var i = 0; i < 3; i++)
        {
            var product = await harness.Catalog.CreateAsync(new Product
            {
                Sku = $"{prefix}-{i}", Title = $"Fender Telecaster {i}", DescriptionHtml = "<p>1952.</p>", Brand = "Fender", Model = "Telecaster", Year = 1952,
                BasePrice = 2500m, Currency = "EUR", Quantity = 1, Status = ProductStatus.Active,
            }, CatalogActor.Create("test"));
            var reference = await connector.UpsertListingAsync(ListingDraftMapper.ToDraft(product, Platform.Shopify, new CategoryMap([]), image => image.Blob));
            await harness.Listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = product.Sku, Platform = Platform.Shopify, Operation = "create", Succeeded = true, Version = product.Version,
                ExternalId = reference.ExternalId, RemoteStatus = reference.Status,
            }, CatalogActor.Create("test"));
            skus.Add(product.Sku);
        }

        var changed = ListingDraftMapper.ToDraft((await harness.Catalog.GetAsync(skus[1]))!, Platform.Shopify, new CategoryMap([]), image => image.Blob) with { Title = "Fender Telecaster, renamed in Shopify" };
        await connector.UpsertListingAsync(changed);

        var all = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, Scope = SyncScope.Incremental, Platforms = [Platform.Shopify], BatchSize = 2 });
        var incremental = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, Scope = SyncScope.Incremental, Platforms = [Platform.Shopify] });

        all.Pull!.Errors.ShouldBeEmpty();
        all.Pull.PerPlatform[Platform.Shopify].Read.ShouldBe(3);
        var changeSet = (await harness.ChangeSetsAsync(skus)).ShouldHaveSingleItem(string.Join("; ", all.Pull.Changes));
        changeSet.Sku.ShouldBe(skus[1]);
        changeSet.Status.ShouldBe(ChangeSetStatus.Pending);
        changeSet.Changes.ShouldHaveSingleItem().After!.GetValue<string>().ShouldBe("Fender Telecaster, renamed in Shopify");
        (await harness.Cursors.GetAsync(Platform.Shopify)).ShouldNotBeNull();
        incremental.Pull!.PerPlatform[Platform.Shopify].Read.ShouldBe(0);
        (await harness.ChangeSetsAsync(skus)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Pull_FromTheEbayAndReverbSandboxes_StagesWhatChangedThere_Only()
    {
        await using var sandboxes = await SyncSandboxes.StartAsync();
        await using var harness = await PullHarness.StartAsync(azurite.Account, inMemoryPlatforms: false, services: s => AddEbayAndReverb(s, sandboxes.Endpoints));
        var prefix = "ER" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var skus = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            skus.Add((await SyncSeeding.ListEverywhereAsync(harness.Services, sandboxes, $"{prefix}-{i}")).Sku);
        }

        var connectors = harness.Services.GetRequiredService<Marketplace.Orchestrations.Sync.SyncConnectors>();
        await connectors.Get(Platform.Ebay).UpsertListingAsync(Draft(skus[0]) with { Title = "Renamed on eBay" });

        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, BatchSize = 2 });

        state.Pull!.Errors.ShouldBeEmpty();
        state.Pull.PerPlatform[Platform.Ebay].Read.ShouldBe(3, string.Join("; ", state.Pull.Changes));
        state.Pull.PerPlatform[Platform.Reverb].Read.ShouldBe(3);
        state.Pull.Changes.ShouldHaveSingleItem(string.Join("; ", state.Pull.Changes));
        var changeSet = (await harness.ChangeSetsAsync(skus)).ShouldHaveSingleItem();
        (changeSet.Sku, changeSet.Source, changeSet.Status).ShouldBe((skus[0], Platform.Ebay, ChangeSetStatus.Pending));
        changeSet.Changes.ShouldHaveSingleItem().After!.GetValue<string>().ShouldBe("Renamed on eBay");
    }

    [Fact]
    public async Task Pull_WithTwentyPercentFaultsOnTheSandboxes_Completes_AndStagesTheSameSingleChange()
    {
        await using var sandboxes = await SyncSandboxes.StartAsync();
        await using var harness = await PullHarness.StartAsync(azurite.Account, inMemoryPlatforms: false, services: s => AddEbayAndReverb(s, sandboxes.Endpoints));
        var prefix = "EF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var skus = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            skus.Add((await SyncSeeding.ListEverywhereAsync(harness.Services, sandboxes, $"{prefix}-{i}")).Sku);
        }

        var connectors = harness.Services.GetRequiredService<Marketplace.Orchestrations.Sync.SyncConnectors>();
        await connectors.Get(Platform.Reverb).UpsertListingAsync(Draft(skus[3]) with { Title = "Renamed on Reverb" });
        sandboxes.InjectFaults(0.2);

        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, BatchSize = 2 });

        (sandboxes.EbayReverb.Ebay.Faults.Injected + sandboxes.EbayReverb.Reverb.Faults.Injected).ShouldBeGreaterThan(0, "no fault was injected: the test would prove nothing");
        state.Pull!.Errors.ShouldBeEmpty();
        state.Pull.PerPlatform[Platform.Ebay].Read.ShouldBe(6);
        state.Pull.PerPlatform[Platform.Reverb].Read.ShouldBe(6);
        var changeSet = (await harness.ChangeSetsAsync(skus)).ShouldHaveSingleItem(string.Join("; ", state.Pull.Changes));
        (changeSet.Sku, changeSet.Source).ShouldBe((skus[3], Platform.Reverb));
        changeSet.Changes.ShouldHaveSingleItem().After!.GetValue<string>().ShouldBe("Renamed on Reverb");
    }

    [Fact]
    public async Task Pull_LeftHandedListingsOnEbayAndReverb_StageLeftHandednessFromTheirCategories()
    {
        const string leftHanded = "5e3c4d1e-2f7a-4c6b-9a8d-0b1c2d3e4f5a";
        await using var sandboxes = await SyncSandboxes.StartAsync();
        await using var harness = await PullHarness.StartAsync(azurite.Account, inMemoryPlatforms: false, services: s => AddEbayAndReverb(s, sandboxes.Endpoints),
            categoryMappings: [new CategoryMapping("guitars", Platform.Ebay, "33034", "159948"), new CategoryMapping("guitars", Platform.Reverb, "33034", leftHanded)]);
        var prefix = "LH" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var skus = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            skus.Add((await SyncSeeding.ListEverywhereAsync(harness.Services, sandboxes, $"{prefix}-{i}")).Sku);
        }

        var connectors = harness.Services.GetRequiredService<Marketplace.Orchestrations.Sync.SyncConnectors>();
        await connectors.Get(Platform.Ebay).UpsertListingAsync(Draft(skus[0]) with { CategoryId = "159948" });
        await connectors.Get(Platform.Reverb).UpsertListingAsync(Draft(skus[1]) with
        {
            Attributes = new Dictionary<string, string> { ["leftHanded"] = "true", ["leftHandedCategoryId"] = leftHanded },
        });

        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, BatchSize = 2 });

        state.Pull!.Errors.ShouldBeEmpty();
        var changeSets = await harness.ChangeSetsAsync(skus);
        string.Join(", ", changeSets.Select(c => $"{c.Sku}:{c.Source}").Order()).ShouldBe($"{skus[0]}:{Platform.Ebay}, {skus[1]}:{Platform.Reverb}", string.Join("; ", state.Pull.Changes));
        changeSets.ShouldAllBe(c => c.Changes.Count == 1 && c.Changes[0].Field == "handedness" && c.Changes[0].After!.GetValue<string>() == "LEFT");
    }

    /// <summary>eBay and Reverb connectors and listing readers against the sandboxes.</summary>
    internal static void AddEbayAndReverb(IServiceCollection services, SyncSandboxEndpoints endpoints)
    {
        var ebay = new EbayClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new EbayClientOptions
        {
            ClientId = endpoints.EbayClientId, ClientSecret = endpoints.EbayClientSecret, RefreshToken = endpoints.EbayRefreshToken,
            ApiBaseUrl = endpoints.EbayReverbBaseUrl, IdentityBaseUrl = endpoints.EbayReverbBaseUrl,
        });
        var reverb = new ReverbClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new ReverbClientOptions
        {
            AccessToken = endpoints.ReverbAccessToken, ApiBaseUrl = endpoints.EbayReverbBaseUrl, WebhookSecret = SyncConnectorSettings.ReverbWebhookSecret,
        });
        services.AddSingleton<IMarketplaceConnector>(new EbayConnector(ebay));
        services.AddSingleton<IMarketplaceListingReader>(new EbayListingReader(ebay));
        services.AddSingleton<IMarketplaceConnector>(new ReverbConnector(reverb));
        services.AddSingleton<IMarketplaceListingReader>(new ReverbListingReader(reverb));
    }

    private static ListingDraft Draft(string sku) => new()
    {
        Sku = sku, Title = $"Fender Stratocaster {sku}", DescriptionHtml = "<p>Sunburst, 1978.</p>", Brand = "Fender", Model = "Stratocaster", Year = 1978,
        Price = SyncSeeding.ListedPrice, Currency = "EUR", Quantity = 1, Condition = "Excellent", CategoryId = "33034", ShippingProfileId = "fulfilment-1",
        ImageUrls = ["https://img.example/1.jpg"],
    };
}
