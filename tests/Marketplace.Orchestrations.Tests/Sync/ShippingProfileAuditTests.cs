using Marketplace.Orchestrations.Sync.ShippingProfiles;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Shipping-profile drift audit and bulk fix against Azurite and the sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class ShippingProfileAuditTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task LegacyListingOnAnotherPolicy_IsReportedAsDrift_AndTheFixPutsTheConfiguredPolicyBack()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var legacy = await harness.ListEverywhereAsync("SP-OLD-" + tag);
        var current = await harness.ListEverywhereAsync("SP-NEW-" + tag);
        var ebay = harness.Connectors.Get(Platform.Ebay);
        await ebay.UpsertListingAsync(new ListingDraft
        {
            Sku = legacy.Sku, Title = legacy.Title, DescriptionHtml = legacy.DescriptionHtml, Brand = "Fender", Model = "Stratocaster", Year = 1978,
            Price = 1299m, Quantity = 1, Condition = "Excellent", CategoryId = "33034", ShippingProfileId = "legacy-7", ImageUrls = ["https://img.example/1.jpg"],
        });
        var audit = harness.Services.GetRequiredService<ShippingProfileAudit>();

        var drift = await audit.FindDriftAsync(Platform.Ebay, 100);

        drift.ShouldHaveSingleItem().ShouldBe(new ShippingProfileDrift(legacy.Sku, Platform.Ebay, "fulfilment-1", "legacy-7"));
        (await audit.FindDriftAsync(Platform.Shopify, 100)).ShouldBeEmpty(); // no Shopify profile configured: not audited
        var fixes = await audit.FixAsync(Platform.Ebay, 100, "test");
        fixes.ShouldHaveSingleItem().ShouldBe(new ShippingProfileFix(legacy.Sku, Platform.Ebay, true, null));
        (await ((IShippingProfileReader)ebay).GetShippingProfileAsync(legacy.Sku)).ShouldBe("fulfilment-1");
        (await ((IShippingProfileReader)ebay).GetShippingProfileAsync(current.Sku)).ShouldBe("fulfilment-1");
        (await audit.FindDriftAsync(Platform.Ebay, 100)).ShouldBeEmpty();
    }
}
