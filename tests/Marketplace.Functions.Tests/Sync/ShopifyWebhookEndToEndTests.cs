using System.Net;
using System.Text;
using Azure.Storage.Blobs;
using Marketplace.Functions.Sync;
using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>
/// Shopify webhooks through the whole app: the sandbox's signed deliveries reach <c>/api/webhooks/shopify</c>, are stored,
/// and the inbox consumer turns them into change sets, REMOVED listings, a disconnect and compliance records.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShopifyWebhookEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SandboxWebhooks_BecomeChangeSets_RemovedListing_AndDisconnect()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: true);
        var sku = "SHW-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var client = h.Get<ShopifyClient>();
        await client.RegisterWebhooksAsync(h.WebhookUri, ShopifyWebhookParser.SubscribedTopics);
        await CreateAndListAsync(h, sku);
        var changeSets = h.Get<ChangeSetService>();
        var catalog = h.Get<ProductCatalog>();

        // An edit on Shopify: price +5% is applied by the rules, title and model (a metafield) wait for review.
        var listed = (await client.GetProductBySkuAsync(sku))!;
        await client.SetProductAsync(Draft(sku) with { Title = "Gibson ES-335 (edited on Shopify)", Model = "ES-335 TD", Price = 1050m }, listed.Id);
        await WaitAsync(h, async () => (await catalog.GetAsync(sku))!.BasePrice == 1050m, "the price change applied");
        var review = await WaitForAsync(h, async () => await changeSets.ListAsync(sku, ChangeSetStatus.Pending).FirstOrDefaultAsync(), "the title change staged for review");
        review.Source.ShouldBe(Platform.Shopify);
        review.Changes.Select(c => c.Field).Order().ShouldBe(["model", "title"]);
        (await catalog.GetAsync(sku))!.Title.ShouldBe("Gibson ES-335");

        // Stock changed on Shopify: the decrease is applied through the ledger.
        await h.Get<ShopifyConnector>().SetQuantityAsync(sku, 1);
        await WaitAsync(h, async () => (await catalog.GetAsync(sku))!.Quantity == 1, "the quantity decrease applied");

        // Deleted on Shopify: the listing is REMOVED, the product stays.
        await client.DeleteProductAsync(listed.Id);
        var listings = h.Get<ListingStore>();
        await WaitAsync(h, async () => (await listings.GetAsync(sku, Platform.Shopify))?.Status == ListingStatus.Removed, "the listing marked REMOVED");
        (await catalog.GetAsync(sku)).ShouldNotBeNull();
        (await h.Get<AuditLog>().QueryAsync(new AuditQuery(sku, Action: "listing.remote-delete")).ToListAsync()).ShouldHaveSingleItem();

        // Uninstalled: the token is removed from the secret store and the event audited.
        using (var uninstall = new HttpRequestMessage(HttpMethod.Post, new Uri(h.Sandbox.BaseAddress, "shopify-sandbox/uninstall")))
        using (var http = new HttpClient())
        {
            uninstall.Headers.Add("X-Shopify-Access-Token", await h.Secrets.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(h.Shop)));
            (await http.SendAsync(uninstall)).EnsureSuccessStatusCode();
        }

        await WaitAsync(h, async () => await h.Secrets.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(h.Shop)) is null, "the token removed");
        var audit = await h.Get<AuditLog>().QueryAsync(new AuditQuery(ShopifyWebhookHandler.ShopAuditKey(h.Shop), Action: "shopify.uninstalled")).ToListAsync();
        audit.ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Success);
    }

    [Fact]
    public async Task ComplianceDelivery_RepeatedWithOneWebhookId_IsRecordedOnce_AndAForgedOneIsRefused()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: false);
        var body = Encoding.UTF8.GetBytes($"{{\"shop_id\":954889,\"shop_domain\":\"{h.Shop}\",\"customer\":{{\"id\":191167,\"email\":\"john@example.com\",\"phone\":\"555-625-1199\"}},\"orders_to_redact\":[299938,280263]}}");
        var webhookId = Guid.NewGuid().ToString();

        using var first = await h.Http.SendAsync(ShopifyAppHarness.SignedDelivery("customers/redact", h.Shop, webhookId, body));
        using var again = await h.Http.SendAsync(ShopifyAppHarness.SignedDelivery("customers/redact", h.Shop, webhookId, body));
        using var forged = await h.Http.SendAsync(ShopifyAppHarness.SignedDelivery("customers/redact", h.Shop, Guid.NewGuid().ToString(), body, secret: "not-the-app-secret"));

        (first.StatusCode, again.StatusCode, forged.StatusCode).ShouldBe((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Unauthorized));
        var query = new AuditQuery(ShopifyWebhookHandler.ShopAuditKey(h.Shop), Action: "shopify.compliance.customers.redact");
        await WaitAsync(h, async () => (await h.Get<AuditLog>().QueryAsync(query).CountAsync()) >= 1, "the redact request recorded");
        await WaitAsync(h, () => Task.FromResult(h.Logs.Lines.Any(l => l.Contains(webhookId, StringComparison.Ordinal) && l.Contains("already processed", StringComparison.Ordinal))), "the duplicate skipped");
        var records = await h.Get<AuditLog>().QueryAsync(query).ToListAsync();
        records.ShouldHaveSingleItem().Detail!.ShouldNotContain("john@example.com");
    }

    [Fact]
    public async Task MalformedProductBody_WithAValidSignature_IsDeadLetteredWithItsRawBody()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: false);
        var body = Encoding.UTF8.GetBytes("{\"id\": \"not a number\", \"title\": ");

        using var response = await h.Http.SendAsync(ShopifyAppHarness.SignedDelivery("products/update", h.Shop, Guid.NewGuid().ToString(), body));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var container = h.Get<BlobServiceClient>().GetBlobContainerClient(h.Settings["Webhooks:DeadLetterContainer"]!);
        string? stored = null;
        await WaitAsync(h, async () =>
        {
            if (!await container.ExistsAsync())
            {
                return false;
            }

            await foreach (var item in container.GetBlobsAsync())
            {
                stored = (await container.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToString();
            }

            return stored is not null;
        }, "the delivery dead-lettered");
        stored!.ShouldContain(Convert.ToBase64String(body));
        stored!.ShouldContain("cannot read");
    }

    [Fact]
    public async Task AdminPull_StagesTheBulkExport_AndNeedsTheAdminKey()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: true);
        var sku = "SHP-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await CreateAndListAsync(h, sku);
        await h.Get<ShopifyClient>().SetProductAsync(Draft(sku) with { Price = 1020m });

        using var anonymous = await h.Http.PostAsync("/api/admin/shopify/pull", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/shopify/pull");
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        using var pulled = await h.Http.SendAsync(request);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await pulled.Content.ReadAsStringAsync();
        pulled.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldContain("\"products\":1");
        body.ShouldContain("\"applied\":1");
        (await h.Get<ProductCatalog>().GetAsync(sku))!.BasePrice.ShouldBe(1020m);
    }

    private static ListingDraft Draft(string sku) => new()
    {
        Sku = sku, Title = "Gibson ES-335", DescriptionHtml = "<p>Cherry</p>", Brand = "Gibson", Model = "ES-335", Year = 1964, Price = 1000m, Quantity = 3,
        Condition = "EXCELLENT",
    };

    private static async Task CreateAndListAsync(ShopifyAppHarness h, string sku)
    {
        var actor = CatalogActor.Create("test");
        await h.Get<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = "Gibson ES-335", DescriptionHtml = "<p>Cherry</p>", Brand = "Gibson", Model = "ES-335", Year = 1964, BasePrice = 1000m,
            Quantity = 3, Stocked = true, Status = ProductStatus.Active,
        }, actor);
        var reference = await h.Get<ShopifyConnector>().UpsertListingAsync(Draft(sku));
        await h.Get<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = sku, Platform = Platform.Shopify, Operation = "create", Succeeded = true, ExternalId = reference.ExternalId, RemoteStatus = "ACTIVE",
        }, actor);
    }

    private static async Task WaitAsync(ShopifyAppHarness h, Func<Task<bool>> condition, string what)
    {
        try
        {
            await Eventually.WaitAsync(condition, what, 30);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\n" + string.Join("\n", h.Logs.Lines.Where(l => l.Contains("Shopify", StringComparison.Ordinal) || l.Contains("Webhook", StringComparison.Ordinal)).TakeLast(30)));
        }
    }

    private static async Task<T> WaitForAsync<T>(ShopifyAppHarness h, Func<Task<T?>> read, string what)
        where T : class
    {
        T? value = null;
        await WaitAsync(h, async () => (value = await read()) is not null, what);
        return value!;
    }
}
