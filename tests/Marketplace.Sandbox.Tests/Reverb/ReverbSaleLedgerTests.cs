using System.Text;
using Marketplace.Sandbox.Tests.Ebay;
using Marketplace.Shared.Reverb;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Reverb;

/// <summary>Reverb sales reach the real ledger (Azurite) through webhooks (each delivered twice) and polling: one entry per order.</summary>
[Trait("Category", "Integration")]
public sealed class ReverbSaleLedgerTests(AzuriteFixture azurite) : ReverbSandboxTestBase, IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WebhooksTwiceAndPolling_WriteExactlyOneLedgerEntryPerOrderLine()
    {
        await using var ledger = new SaleLedger(azurite.Account);
        var client = CreateClient(o => o.OrdersPageSize = 1);
        var connector = new ReverbConnector(client);
        await ledger.CreateProductAsync("RL-1", 5);
        await connector.UpsertListingAsync(Draft("RL-1", quantity: 5));
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var orders = new[] { Sandbox.CreateOrder("RL-1", 1), Sandbox.CreateOrder("RL-1", 2) };
        var handler = new ReverbWebhookHandler(client);

        foreach (var order in orders.Concat(orders))
        {
            await ledger.RecordAsync((await handler.HandleAsync(WebhookSecret, Encoding.UTF8.GetBytes(order.ToJsonString()))).Sales);
        }

        await ledger.RecordAsync(await connector.GetSalesSinceAsync(since).ToListAsync());

        var entries = await ledger.SalesAsync("RL-1");
        entries.Select(e => e.OrderId).Order().ShouldBe(orders.Select(o => o["order_number"]!.GetValue<string>()).Order());
        entries.Sum(e => e.AppliedDelta).ShouldBe(-3);
        (await ledger.QuantityAsync("RL-1")).ShouldBe(2);
    }
}
