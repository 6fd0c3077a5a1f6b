using System.Net;
using System.Text;
using Marketplace.Shared.Reverb;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Reverb;

[Trait("Category", "Integration")]
public sealed class ReverbSalesTests : ReverbSandboxTestBase
{
    [Fact]
    public async Task WebhookAndPolling_ProduceExactlyOneSaleEventPerOrder()
    {
        var client = CreateClient(o => o.OrdersPageSize = 2);
        var connector = new ReverbConnector(client);
        await connector.UpsertListingAsync(Draft("SALE-1", quantity: 5));
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var orders = Enumerable.Range(0, 3).Select(_ => Sandbox.CreateOrder("SALE-1", 1)).ToList();
        var handler = new ReverbWebhookHandler(client);

        var pushed = new List<Marketplace.Shared.Marketplaces.SaleEvent>();
        foreach (var order in orders.Concat(orders))
        {
            var result = await handler.HandleAsync(WebhookSecret, Encoding.UTF8.GetBytes(order.ToJsonString()));
            result.Accepted.ShouldBeTrue();
            pushed.AddRange(result.Sales);
        }

        var polled = await connector.GetSalesSinceAsync(since).ToListAsync();

        polled.Count.ShouldBe(3);
        pushed.Concat(polled).DistinctBy(e => e.EventId).Count().ShouldBe(3);
        var number = orders[0]["order_number"]!.GetValue<string>();
        var sale = polled.Single(e => e.OrderId == number);
        sale.EventId.ShouldBe($"reverb:{number}:{orders[0]["product_id"]}");
        sale.Sku.ShouldBe("SALE-1");
        sale.UnitPrice.ShouldBe(1450m);
    }

    [Fact]
    public async Task WebhooksWithoutTheSecretOrForAnUnknownOrder_AreRejectedAndProduceNothing()
    {
        var client = CreateClient();
        await new ReverbConnector(client).UpsertListingAsync(Draft("W-1", quantity: 2));
        var order = Sandbox.CreateOrder("W-1", 1);
        var genuine = Encoding.UTF8.GetBytes(order.ToJsonString());
        var forged = Encoding.UTF8.GetBytes("{\"order_number\":\"123456789\",\"sku\":\"W-1\",\"quantity\":1}");
        var handler = new ReverbWebhookHandler(client);

        ReverbWebhookResult[] rejected =
        [
            await handler.HandleAsync(null, genuine),
            await handler.HandleAsync(string.Empty, genuine),
            await handler.HandleAsync(WebhookSecret[..^1] + "x", genuine),
            await handler.HandleAsync(WebhookSecret, forged),
            await handler.HandleAsync(WebhookSecret, Encoding.UTF8.GetBytes("not json")),
        ];

        rejected.ShouldAllBe(r => !r.Accepted && r.Sales.Count == 0);
        rejected[2].StatusCode.ShouldBe(HttpStatusCode.NotFound);
        rejected[3].StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ForgedQuantityInAGenuineOrderNumber_IsIgnored_TheApiAnswerWins()
    {
        var client = CreateClient();
        await new ReverbConnector(client).UpsertListingAsync(Draft("W-2", quantity: 5));
        var order = Sandbox.CreateOrder("W-2", 1);
        order["quantity"] = 5;

        var result = await new ReverbWebhookHandler(client).HandleAsync(WebhookSecret, Encoding.UTF8.GetBytes(order.ToJsonString()));

        result.Sales.ShouldHaveSingleItem().Quantity.ShouldBe(1);
    }

    [Fact]
    public async Task Handler_WithoutAConfiguredSecret_RefusesToRun()
    {
        var handler = new ReverbWebhookHandler(CreateClient(o => o.WebhookSecret = "short"));

        await Should.ThrowAsync<InvalidOperationException>(() => handler.HandleAsync("short", Encoding.UTF8.GetBytes("{}")));
    }
}
