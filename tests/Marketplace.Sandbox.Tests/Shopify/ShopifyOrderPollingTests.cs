using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

/// <summary>
/// The polled <c>orders</c> query reads an order as its webhook does: test, voided and cancelled orders commit nothing, a
/// refund with restock gives its units back, and a later change of an older order is found through <c>updated_at</c>.
/// </summary>
[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyOrderPollingTests(ShopifySandboxFixture fixture)
{
    [Fact]
    public async Task Poll_ReadsPaidPendingTestVoidedCancelledAndRefundedOrders_AsTheWebhookDoes()
    {
        var (client, _) = fixture.NewShop();
        var connector = new ShopifyConnector(client);
        var skus = Enumerable.Range(1, 7).Select(i => ShopifySandboxFixture.Draft(i, "POLL")).ToList();
        foreach (var draft in skus)
        {
            await connector.UpsertListingAsync(draft with { Quantity = 5 });
        }

        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await OrderAsync(client, new { lines = Line(skus[0].Sku, 2) });
        await OrderAsync(client, new { lines = Line(skus[1].Sku, 1), financial_status = "pending" });
        await OrderAsync(client, new { lines = Line(skus[2].Sku, 1), test = true });
        await OrderAsync(client, new { lines = Line(skus[3].Sku, 1), financial_status = "voided" });
        var cancelled = await OrderAsync(client, new { lines = Line(skus[4].Sku, 2) });
        var cancelBody = await SendAsync(client, $"shopify-sandbox/orders/{cancelled["id"]}/cancel", new { });
        var refunded = await OrderAsync(client, new { lines = Line(skus[5].Sku, 3) });
        await RefundAsync(client, refunded, 1, "return");
        await RefundAsync(client, refunded, 1, "no_restock");

        var polled = await connector.GetSalesSinceAsync(since).ToListAsync();

        string Held(int i)
        {
            var sale = polled.Where(s => s.Sku == skus[i].Sku).ShouldHaveSingleItem();
            return $"{sale.Quantity}/{sale.CommittedQuantity} {sale.StatusReason}".Trim();
        }

        Held(0).ShouldBe("2/2");
        Held(1).ShouldBe("1/1");
        Held(2).ShouldBe("1/0 Shopify test order");
        Held(3).ShouldBe("1/0 Shopify payment voided");
        Held(4).ShouldBe("2/0 cancelled on Shopify (customer)");
        Held(5).ShouldBe("3/2 refunded on Shopify, 1 restocked");
        polled.ShouldNotContain(s => s.Sku == skus[6].Sku);
        var webhook = ShopifyOrderWebhook.ToSaleEvents(cancelBody).ShouldHaveSingleItem();
        var poll = polled.Single(s => s.Sku == skus[4].Sku);
        (webhook.EventId, webhook.CommittedQuantity, webhook.StatusReason).ShouldBe((poll.EventId, poll.CommittedQuantity, poll.StatusReason));
    }

    [Fact]
    public async Task Poll_FindsALaterCancellationOfAnOrderCreatedBeforeTheWindow_ButNotAChangeThatKeepsItsUnits()
    {
        var (client, shop) = fixture.NewShop();
        var connector = new ShopifyConnector(client);
        var draft = ShopifySandboxFixture.Draft(1, "OLD");
        await connector.UpsertListingAsync(draft with { Quantity = 3 });
        var order = await OrderAsync(client, new { lines = Line(draft.Sku, 2) });
        var id = order["id"]!.GetValue<long>();
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        lock (shop.Gate)
        {
            // The order was placed yesterday: outside the window until something changes it.
            var index = shop.Orders.FindIndex(o => o.Id == id);
            shop.Orders[index] = shop.Orders[index] with { CreatedAt = since.AddDays(-1), UpdatedAt = since.AddDays(-1) };
        }

        (await connector.GetSalesSinceAsync(since).ToListAsync()).ShouldBeEmpty();
        await RefundAsync(client, order, 1, "no_restock");
        (await connector.GetSalesSinceAsync(since).ToListAsync()).ShouldBeEmpty("an older order that still holds its units takes no stock when it changes");
        await SendAsync(client, $"shopify-sandbox/orders/{id}/cancel", new { });

        var sale = (await connector.GetSalesSinceAsync(since).ToListAsync()).ShouldHaveSingleItem();
        (sale.OrderId, sale.CommittedQuantity).ShouldBe((id.ToString(System.Globalization.CultureInfo.InvariantCulture), 0));
        sale.OccurredAt.ShouldBeLessThan(since);
    }

    [Fact]
    public async Task SandboxRefund_BeyondWhatIsLeft_IsA422()
    {
        var (client, _) = fixture.NewShop();
        var draft = ShopifySandboxFixture.Draft(1, "RFD");
        await new ShopifyConnector(client).UpsertListingAsync(draft with { Quantity = 2 });
        var order = await OrderAsync(client, new { lines = Line(draft.Sku, 1) });
        await RefundAsync(client, order, 1, "return");

        using var http = new HttpClient();
        using var response = await http.SendAsync(Request(client, $"shopify-sandbox/orders/{order["id"]}/refunds", Refund(order, 1, "return")));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    private static object[] Line(string sku, int quantity) => [new { sku, quantity }];

    private Task<JsonObject> OrderAsync(ShopifyClient client, object body) => ParseAsync(client, "shopify-sandbox/orders", body);

    private Task<JsonObject> RefundAsync(ShopifyClient client, JsonObject order, int quantity, string restockType) =>
        ParseAsync(client, $"shopify-sandbox/orders/{order["id"]}/refunds", Refund(order, quantity, restockType));

    private static object Refund(JsonObject order, int quantity, string restockType) => new
    {
        refund = new { refund_line_items = new[] { new { line_item_id = order["line_items"]![0]!["id"]!.GetValue<long>(), quantity, restock_type = restockType } } },
    };

    private async Task<JsonObject> ParseAsync(ShopifyClient client, string path, object body) => JsonNode.Parse(await SendAsync(client, path, body))!.AsObject();

    private async Task<byte[]> SendAsync(ShopifyClient client, string path, object body)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(Request(client, path, body));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private HttpRequestMessage Request(ShopifyClient client, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.BaseAddress, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Shopify-Access-Token", client.Options.AccessToken);
        return request;
    }
}
