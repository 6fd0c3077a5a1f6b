using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyInventoryTests(ShopifySandboxFixture fixture)
{
    [Fact]
    public async Task SetQuantity_WithStaleExpectedQuantity_IsAConflictAndChangesNothing()
    {
        var (client, shop) = fixture.NewShop();
        var product = await client.SetProductAsync(ShopifySandboxFixture.Draft(1));
        var location = await client.GetLocationIdAsync();
        await client.SetAvailableQuantityAsync(product.InventoryItemId!, location, 5, expectedQuantity: 0);

        var conflict = await Should.ThrowAsync<ShopifyInventoryConflictException>(() => client.SetAvailableQuantityAsync(product.InventoryItemId!, location, 9, expectedQuantity: 0));

        conflict.UserErrors.ShouldHaveSingleItem().Code.ShouldBe("CHANGE_FROM_QUANTITY_STALE");
        conflict.UserErrors[0].FieldPath.ShouldBe("input.quantities.0.changeFromQuantity");
        conflict.IsTransient.ShouldBeFalse();
        shop.AvailableFor(product.Sku!).ShouldBe(5);
    }

    [Fact]
    public async Task Adjust_WithTheSameLedgerEventTwice_AppliesOnce()
    {
        var (client, shop) = fixture.NewShop();
        var product = await client.SetProductAsync(ShopifySandboxFixture.Draft(1));
        var location = await client.GetLocationIdAsync();

        await client.AdjustAvailableQuantityAsync(product.InventoryItemId!, location, -1, "shopify:1001:1");
        await client.AdjustAvailableQuantityAsync(product.InventoryItemId!, location, -1, "shopify:1001:1");
        await client.AdjustAvailableQuantityAsync(product.InventoryItemId!, location, -1, "shopify:1001:2");

        shop.AvailableFor(product.Sku!).ShouldBe(-2);
        shop.AdjustmentsApplied.ShouldBe(2);
    }

    [Fact]
    public void IdempotencyKey_IsStablePerEventAndDistinctAcrossEvents()
    {
        ShopifyClient.IdempotencyKey("ebay:1:1").ShouldBe(ShopifyClient.IdempotencyKey("ebay:1:1"));
        ShopifyClient.IdempotencyKey("ebay:1:1").ShouldNotBe(ShopifyClient.IdempotencyKey("ebay:1:2"));
        Guid.TryParse(ShopifyClient.IdempotencyKey("x"), out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Adjust_WhenResponsesAreLostAndRetried_NeverDoubleAdjusts()
    {
        var (client, shop) = fixture.NewShop();
        var product = await client.SetProductAsync(ShopifySandboxFixture.Draft(1));
        var location = await client.GetLocationIdAsync();
        shop.Faults = new ShopifySandboxFaults { LostResponseRate = 0.4, ServerErrorRate = 0.1, TooManyRequestsRate = 0.1, RetryAfterSeconds = 0 };

        for (var i = 0; i < 25; i++)
        {
            await client.AdjustAvailableQuantityAsync(product.InventoryItemId!, location, 1, $"reverb:order-{i}:1");
        }

        shop.AvailableFor(product.Sku!).ShouldBe(25);
        shop.AdjustmentsApplied.ShouldBe(25);
        shop.RequestCount.ShouldBeGreaterThan(27); // faults really happened and were retried
    }

    [Fact]
    public async Task ConnectorSetQuantity_WhenResponsesAreLost_ReachesTheTargetWithoutBlindReplays()
    {
        var (client, shop) = fixture.NewShop();
        var connector = new ShopifyConnector(client);
        await connector.UpsertListingAsync(ShopifySandboxFixture.Draft(2) with { Quantity = 1 });
        shop.Faults = new ShopifySandboxFaults { LostResponseRate = 0.5 };

        for (var target = 2; target <= 8; target++)
        {
            await connector.SetQuantityAsync(ShopifySandboxFixture.Draft(2).Sku, target);
            shop.AvailableFor(ShopifySandboxFixture.Draft(2).Sku).ShouldBe(target);
        }
    }
}
