using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Webhooks of the three platforms read into the same sale events as the polled orders.</summary>
[Trait("Category", "Integration")]
public sealed class SaleWebhookTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(Platform.Shopify)]
    [InlineData(Platform.Ebay)]
    [InlineData(Platform.Reverb)]
    public async Task Webhook_GivesTheSameEventIdsAsThePolledOrder_AndEndsTheItemElsewhere(Platform platform)
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var reader = harness.Services.GetRequiredService<SaleWebhookReader>();
        var sku = "HOOK-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku);

        var (body, signature) = await harness.BuyOnPlatformAsync(platform, sku);
        var sales = await reader.ReadAsync(platform.ToWire(), name => name switch
        {
            "X-Shopify-Topic" => "orders/create",
            "X-Shopify-Shop-Domain" => harness.Shop.Domain,
            "X-EBAY-SIGNATURE" => signature,
            _ => null,
        }, body);

        var polled = await harness.PolledSalesAsync(platform, sku, since);
        sales.Select(s => s.EventId).ShouldBe(polled.Select(s => s.EventId));
        var sale = sales.ShouldHaveSingleItem();
        sale.Sku.ShouldBe(sku);
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        (await harness.Sales.StartAsync(polled[0])).ShouldBeFalse();
        var result = await harness.WaitAsync(sale);
        result.Platforms.Count.ShouldBe(2);
        result.Platforms.ShouldAllBe(p => p.Succeeded);
        foreach (var other in harness.Connectors.Platforms.Where(p => p != platform))
        {
            (await harness.Listings.GetAsync(sku, other))!.Status.ShouldBe(ListingStatus.Ended);
        }
    }

    [Fact]
    public async Task ForgedEbayNotification_IsRejectedForDeadLettering()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var reader = harness.Services.GetRequiredService<SaleWebhookReader>();
        var sku = "FORGE-" + Guid.NewGuid().ToString("N")[..6];
        await harness.ListEverywhereAsync(sku);
        var (body, signature) = await harness.BuyOnPlatformAsync(Platform.Ebay, sku);
        body[^2] ^= 0x01;

        await Should.ThrowAsync<SaleWebhookException>(() => reader.ReadAsync("ebay", n => n == "X-EBAY-SIGNATURE" ? signature : null, body));
    }

    [Fact]
    public async Task ReverbWebhookForAnOrderThatIsNotTheShops_IsRejectedForDeadLettering()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var reader = harness.Services.GetRequiredService<SaleWebhookReader>();

        var error = await Should.ThrowAsync<SaleWebhookException>(() => reader.ReadAsync("reverb", _ => null, "{\"order_number\":\"99999999\"}"u8.ToArray()));

        error.Message.ShouldContain("99999999");
    }

    [Fact]
    public void UnreadableShopifyOrder_IsRejectedForDeadLettering() =>
        Should.Throw<SaleWebhookException>(() => SaleWebhookReader.ReadShopifyOrder("{\"id\":1}"u8.ToArray()));
}
