using System.Net.Http.Json;
using System.Text;
using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Shopify;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyWebhookTests(ShopifySandboxFixture fixture)
{
    // Vector computed independently: printf '%s' '{"id":1,"topic":"orders/create"}' | openssl dgst -sha256 -hmac hush -binary | base64
    private const string VectorBody = "{\"id\":1,\"topic\":\"orders/create\"}";
    private const string VectorSignature = "rlYwtxSz64KhPygOLXbekmzsjq0OqrcotnlUzAe2yuQ=";

    [Fact]
    public void Verify_KnownVector_Accepts()
    {
        new ShopifyWebhookVerifier("hush").Verify(Encoding.UTF8.GetBytes(VectorBody), Headers(VectorSignature)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("hush", "{\"id\":2,\"topic\":\"orders/create\"}", VectorSignature)]
    [InlineData("other-secret", VectorBody, VectorSignature)]
    [InlineData("hush", VectorBody, "rlYwtxSz64KhPygOLXbekmzsjq0OqrcotnlUzAe2yuA=")]
    [InlineData("hush", VectorBody, "not base64!")]
    [InlineData("hush", VectorBody, "")]
    public void Verify_TamperedBodyWrongSecretOrBadSignature_Rejects(string secret, string body, string signature)
    {
        new ShopifyWebhookVerifier(secret).Verify(Encoding.UTF8.GetBytes(body), Headers(signature)).ShouldBeFalse();
    }

    [Fact]
    public void Verify_WithoutTheHeader_Rejects()
    {
        new ShopifyWebhookVerifier("hush").Verify(Encoding.UTF8.GetBytes(VectorBody), new Dictionary<string, string>()).ShouldBeFalse();
    }

    [Theory]
    [InlineData("customers/data_request", "shopify_webhook_customers_data_request.json")]
    [InlineData("customers/redact", "shopify_webhook_customers_redact.json")]
    [InlineData("shop/redact", "shopify_webhook_shop_redact.json")]
    public void Parse_ComplianceSamples_ReadsShopAndCustomer(string topic, string file)
    {
        var body = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "Marketplace.Sandbox.Tests", "Shopify", "Fixtures", file));
        var headers = new ShopifyWebhookHeaders(topic, "wh-1", "shop.myshopify.com", "2026-10", null, null);

        var parsed = ShopifyWebhookParser.Parse(headers, body);

        switch (parsed)
        {
            case ShopifyCustomersDataRequest request:
                (request.ShopId, request.CustomerId, request.Email, request.DataRequestId).ShouldBe((954889L, 191167L, "john@example.com", (long?)9999));
                request.OrdersRequested.ShouldBe([299938L, 280263L, 220458L]);
                break;
            case ShopifyCustomersRedact redact:
                (redact.ShopId, redact.CustomerId, redact.Phone).ShouldBe((954889L, 191167L, "555-625-1199"));
                redact.OrdersToRedact.Count.ShouldBe(3);
                break;
            case ShopifyShopRedact shop:
                shop.ShopId.ShouldBe(954889L);
                shop.ShopDomain.ShouldBe("{shop}.myshopify.com");
                break;
            default:
                throw new ShouldAssertException($"Unexpected {parsed.GetType().Name}");
        }
    }

    [Fact]
    public async Task SandboxDeliveries_AreSignedParsedAndMappedToSaleEvents()
    {
        var (client, shop) = fixture.NewShop();
        await client.RegisterWebhooksAsync(fixture.WebhookUri, ShopifyWebhookParser.SubscribedTopics);
        var product = await new ShopifyConnector(client).UpsertListingAsync(ShopifySandboxFixture.Draft(8) with { Quantity = 4 });

        await PlaceOrderAsync(client, ShopifySandboxFixture.Draft(8).Sku, 2);
        var events = await WaitForAsync(shop.Domain, e => e.OfType<ShopifyOrderCreated>().Any() && e.OfType<ShopifyInventoryLevelUpdated>().Any(l => l.Available == 2));

        var created = events.OfType<ShopifyProductChanged>().First(e => e.Created);
        created.Product.Id.ShouldBe(product.ExternalId);
        created.Product.Variants.ShouldHaveSingleItem().Sku.ShouldBe(ShopifySandboxFixture.Draft(8).Sku);
        created.Product.Metafields.ShouldContain(m => m.Namespace == "marketplace" && m.Key == "sku" && m.Value == ShopifySandboxFixture.Draft(8).Sku); // metafieldNamespaces
        var sale = events.OfType<ShopifyOrderCreated>().Single().Sales.ShouldHaveSingleItem();
        (sale.Platform, sale.Sku, sale.Quantity, sale.Currency).ShouldBe(("shopify", ShopifySandboxFixture.Draft(8).Sku, 2, "EUR"));
        sale.EventId.ShouldBe($"shopify:{sale.OrderId}:{sale.LineId}");
        events.Select(e => e.Headers.ApiVersion).Distinct().ShouldBe(["2026-10"]);
        fixture.Rejected.ShouldBe(0);

        var polled = await new ShopifyConnector(client).GetSalesSinceAsync(DateTimeOffset.UtcNow.AddMinutes(-5)).ToListAsync();
        polled.ShouldHaveSingleItem().EventId.ShouldBe(sale.EventId);
    }

    [Fact]
    public async Task DuplicateDeliveries_OfOneWebhookId_AreProcessedOnce()
    {
        var (client, shop) = fixture.NewShop(new ShopifySandboxFaults { WebhookDuplicateRate = 1 });
        await client.RegisterWebhooksAsync(fixture.WebhookUri, ["PRODUCTS_CREATE"]);

        await client.SetProductAsync(ShopifySandboxFixture.Draft(1));
        await client.SetProductAsync(ShopifySandboxFixture.Draft(2));
        var events = await WaitForAsync(shop.Domain, e => e.Count >= 2 && e.All(x => fixture.Deliveries.GetValueOrDefault(x.Headers.WebhookId) >= 2));

        events.OfType<ShopifyProductChanged>().Count().ShouldBe(2);
        fixture.EventsFor(shop.Domain).Count.ShouldBe(2);
        events.Select(e => fixture.Deliveries[e.Headers.WebhookId]).ShouldAllBe(n => n == 2);
    }

    [Fact]
    public async Task DeleteAndUninstall_AreDeliveredAndParsed_AndTheRevokedTokenStopsWorking()
    {
        var (client, shop) = fixture.NewShop();
        await client.RegisterWebhooksAsync(fixture.WebhookUri, ["PRODUCTS_DELETE", "APP_UNINSTALLED"]);
        var product = await client.SetProductAsync(ShopifySandboxFixture.Draft(3));
        await client.DeleteProductAsync(product.ProductId);

        using (var http = new HttpClient())
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.BaseAddress, "shopify-sandbox/uninstall")))
        {
            request.Headers.Add("X-Shopify-Access-Token", client.Options.AccessToken);
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        var events = await WaitForAsync(shop.Domain, e => e.OfType<ShopifyAppUninstalled>().Any());
        events.OfType<ShopifyProductDeleted>().ShouldHaveSingleItem().ProductId.ShouldBe(product.ProductId);
        events.OfType<ShopifyAppUninstalled>().Single().ShopDomain.ShouldBe(shop.Domain);
        var revoked = await Should.ThrowAsync<ShopifyException>(() => client.SetProductAsync(ShopifySandboxFixture.Draft(4)));
        revoked.Status.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        revoked.IsTransient.ShouldBeFalse();
    }

    private async Task PlaceOrderAsync(ShopifyClient client, string sku, int quantity)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.BaseAddress, "shopify-sandbox/orders"))
        {
            Content = JsonContent.Create(new { lines = new[] { new { sku, quantity } } }),
        };
        request.Headers.Add("X-Shopify-Access-Token", client.Options.AccessToken);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private async Task<IReadOnlyCollection<ShopifyWebhookEvent>> WaitForAsync(string shop, Func<IReadOnlyCollection<ShopifyWebhookEvent>, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var events = fixture.EventsFor(shop);
            if (done(events))
            {
                return events;
            }

            await Task.Delay(50);
        }

        throw new ShouldAssertException($"Webhooks did not arrive; got {string.Join(", ", fixture.EventsFor(shop).Select(e => e.Headers.Topic))}");
    }

    private static Dictionary<string, string> Headers(string signature) =>
        new(StringComparer.Ordinal) { ["x-shopify-hmac-sha256"] = signature, ["X-Shopify-Topic"] = "orders/create" };
}
