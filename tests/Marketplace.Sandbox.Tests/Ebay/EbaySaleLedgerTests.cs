using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

/// <summary>eBay sales reach the real ledger (Azurite) through both paths and a redelivery: one entry per order line.</summary>
[Trait("Category", "Integration")]
public sealed class EbaySaleLedgerTests(AzuriteFixture azurite) : EbaySandboxTestBase, IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task NotificationRedeliveryAndPolling_WriteExactlyOneLedgerEntryPerOrderLine()
    {
        await using var ledger = new SaleLedger(azurite.Account);
        var client = CreateClient();
        var connector = new EbayConnector(client);
        foreach (var (sku, quantity) in new[] { ("L-1", 3), ("L-2", 1) })
        {
            await ledger.CreateProductAsync(sku, quantity);
            await connector.UpsertListingAsync(Draft(sku, quantity: quantity));
        }

        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var order = Sandbox.CreateOrder([("L-1", 2, 500m), ("L-2", 1, 800m)]);
        var (body, signature) = Sandbox.CreateOrderConfirmation(order["orderId"]!.GetValue<string>());
        var handler = new EbayNotificationHandler(client, new EbayNotificationVerifier(client));

        await ledger.RecordAsync((await handler.HandleAsync(body, signature)).Sales);
        await ledger.RecordAsync((await handler.HandleAsync(body, signature)).Sales);
        await ledger.RecordAsync(await connector.GetSalesSinceAsync(since).ToListAsync());

        var first = (await ledger.SalesAsync("L-1")).ShouldHaveSingleItem();
        first.AppliedDelta.ShouldBe(-2);
        first.OrderId.ShouldBe(order["orderId"]!.GetValue<string>());
        (await ledger.SalesAsync("L-2")).ShouldHaveSingleItem().AppliedDelta.ShouldBe(-1);
        (await ledger.QuantityAsync("L-1")).ShouldBe(1);
        (await ledger.QuantityAsync("L-2")).ShouldBe(0);
    }
}
