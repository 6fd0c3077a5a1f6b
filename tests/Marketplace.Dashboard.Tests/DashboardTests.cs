using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Dashboard.Tests.Support;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Marketplace.Dashboard.Tests;

/// <summary>The operator dashboard in Debian's chromium against the app on Azurite and the sandboxes: each flow an operator runs.</summary>
[Trait("Category", "Integration")]
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardApp app)
{
    [Fact]
    public async Task SignIn_WithAWrongKey_IsRefused_AndWithTheKey_ShowsTheOverview()
    {
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl.ToString() });
        await page.GotoAsync("/api/dashboard");
        await page.GetByLabel("Admin key").FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("That key is not valid.");
        await page.CloseAsync();

        page = await app.SignedInPageAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Platforms" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-page=overview] td", new() { HasText = "reverb" }).First).ToBeVisibleAsync();
        var shopify = page.Locator("[data-page=overview] tr", new() { HasText = "shopify" }).First;
        await Assertions.Expect(shopify).ToContainTextAsync("yes");
        await Assertions.Expect(shopify).ToContainTextAsync("of 1000 points");
        var discogs = page.Locator("[data-page=overview] tr", new() { HasText = "discogs" }).First;
        await Assertions.Expect(discogs).ToContainTextAsync("no");
        await Assertions.Expect(discogs).ToContainTextAsync("unknown");
        page.Url.ShouldNotContain(DashboardApp.AdminKey);
        (await page.ContentAsync()).ShouldNotContain(DashboardApp.AdminKey);
        await page.CloseAsync();
    }

    [Fact]
    public async Task StartingASync_ShowsItsProgressBarReaching100()
    {
        var products = new List<Product>();
        for (var i = 0; i < 4; i++)
        {
            products.Add(await app.CreateProductAsync("SYNC"));
        }

        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Syncs" }).First.ClickAsync();

        // On the event stream the page does not poll, and a sync's end is no audit record: the view polls while a sync runs.
        await Assertions.Expect(page.Locator("body[data-live=stream]")).ToBeVisibleAsync();
        await page.Locator("#sync-scope").SelectOptionAsync("SELECTIVE");
        await page.Locator("#sync-skus").FillAsync(string.Join(", ", products.Select(p => p.Sku)));
        await page.Locator("#sync-form input[value=reverb]").CheckAsync();
        await page.Locator("#sync-form input[name=batchSize]").FillAsync("2");
        await page.Locator("#sync-start").ClickAsync();

        // Well inside the stream's 2-minute lifetime, after which the page reconnects and refreshes anyway.
        var card = page.Locator("article.sync").First;
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 90_000 });
        await Assertions.Expect(card.Locator("progress")).ToHaveAttributeAsync("data-percent", "100");
        await Assertions.Expect(card).ToContainTextAsync("4 of 4 products");
        await Assertions.Expect(card).ToContainTextAsync("reverb: +4");
        await DashboardApp.ScreenshotAsync(page, "syncs");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ApprovingApplyingAndRollingBackAChangeSet_ChangesTheCatalogAndBack()
    {
        var product = await app.CreateProductAsync("CS", title: "Fender Telecaster 1968 original");
        var staged = await app.Get<ChangeSetService>().StageAsync(
            new StageRequest(product.Sku, new JsonObject { ["title"] = "Fender Telecaster 1968 refinished" }, Platform.Ebay, "ebay edit"), CatalogActor.Create("test"));
        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Change sets" }).First.ClickAsync();
        await page.Locator("#changeset-filters select[name=status]").SelectOptionAsync("");
        await page.Locator("#changeset-filters input[name=sku]").FillAsync(product.Sku);
        await page.Locator("#changeset-filters").GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var card = page.Locator($"article.changeset[data-sku='{product.Sku}']");
        await Assertions.Expect(card.Locator("tr[data-field=title] td.before")).ToHaveTextAsync("Fender Telecaster 1968 original");
        await Assertions.Expect(card.Locator("tr[data-field=title] td.after")).ToHaveTextAsync("Fender Telecaster 1968 refinished");
        await DashboardApp.ScreenshotAsync(page, "changesets");

        await card.Locator("button[data-action=approve]").ClickAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "APPROVED");
        await card.Locator("button[data-action=apply]").ClickAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "APPLIED");
        (await app.Get<ProductCatalog>().GetAsync(product.Sku))!.Title.ShouldBe("Fender Telecaster 1968 refinished");

        await card.Locator("button[data-action=rollback]").ClickAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "ROLLED_BACK");
        (await app.Get<ProductCatalog>().GetAsync(product.Sku))!.Title.ShouldBe("Fender Telecaster 1968 original");
        staged.ShouldNotBeNull();
        await page.CloseAsync();
    }

    [Fact]
    public async Task ImportingACsvWithBadRows_ListsEachRowError_AndAppliesNothing()
    {
        var sku = "CSV-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var csv = "sku,title,brand,base_price,currency,quantity,status\n" +
            $"{sku},Martin D-28,Martin,2999.00,EUR,1,ACTIVE\n" +
            $"{sku}-2,Martin D-18,Martin,not-a-price,EUR,1,ACTIVE\n" +
            $"{sku}-3,Martin D-35,Martin,1999.00,EUR,-4,ACTIVE\n";
        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Products" }).First.ClickAsync();
        await page.Locator("#csv-file").SetInputFilesAsync(new FilePayload { Name = "catalog.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.Locator("#csv-import").GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        var errors = page.Locator("#csv-report tbody tr");
        await Assertions.Expect(errors).ToHaveCountAsync(2);
        await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("3");
        await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("base_price");
        await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("4");
        await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("quantity");
        (await page.Locator("#csv-progress").GetAttributeAsync("value")).ShouldBe("100");
        (await app.Get<ProductCatalog>().GetAsync(sku)).ShouldBeNull();
        await DashboardApp.ScreenshotAsync(page, "products");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ExportingTheCatalog_DownloadsACsvWithTheProducts()
    {
        var product = await app.CreateProductAsync("EXP");
        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Products" }).First.ClickAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());

        download.SuggestedFilename.ShouldBe("catalog.csv");
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        csv.ShouldStartWith("sku,");
        csv.ShouldContain(product.Sku + ",");
        download.Url.ShouldNotContain(DashboardApp.AdminKey);
        await page.CloseAsync();
    }

    [Fact]
    public async Task PublishingAProduct_ShowsItsLiveListingWithALink()
    {
        var product = await app.CreateProductAsync("PUB");
        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Products" }).First.ClickAsync();
        await page.Locator("#product-search input[name=q]").FillAsync(product.Sku);
        await page.Locator("#product-search").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator("#product-list").GetByRole(AriaRole.Button, new() { Name = product.Sku }).ClickAsync();
        var detail = page.Locator("#product-detail");
        await Assertions.Expect(detail).ToContainTextAsync("not listed");
        await detail.Locator("input[value=reverb]").CheckAsync();
        await detail.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        var listed = false;
        await Support.Eventually.WaitAsync(async () =>
        {
            await page.Locator("#product-search").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            listed = await page.Locator("#product-list a.badge", new() { HasTextString = "reverb: ACTIVE" }).CountAsync() == 1;
            return listed;
        }, "the Reverb listing to show ACTIVE", 60);

        (await page.Locator("#product-list a.badge").GetAttributeAsync("href")).ShouldNotBeNullOrEmpty();
        (await page.Locator("#product-list a.badge").GetAttributeAsync("rel")).ShouldBe("noopener noreferrer");
        await page.CloseAsync();
    }

    [Fact]
    public async Task AProductsAttempts_ShowWhatARelistReplaced_AndAFailuresError()
    {
        var product = await app.CreateProductAsync("RELIST");
        var listings = app.Get<ListingStore>();
        await listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = product.Sku, Platform = Platform.Ebay, Operation = "relist", Succeeded = false, Error = "EbayException: offer not found",
        }, CatalogActor.Create("test"));
        await listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = product.Sku, Platform = Platform.Ebay, Operation = "relist", Succeeded = true, ExternalId = "110002", RemoteStatus = "ACTIVE",
            Note = "relisted as 110002, replacing 110001 (listed 200 days)",
        }, CatalogActor.Create("test"));
        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Products" }).First.ClickAsync();
        await page.Locator("#product-search input[name=q]").FillAsync(product.Sku);
        await page.Locator("#product-search").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator("#product-list").GetByRole(AriaRole.Button, new() { Name = product.Sku }).ClickAsync();

        var rows = page.Locator("#product-detail tr", new() { HasTextString = "relist" });
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("relisted as 110002, replacing 110001 (listed 200 days)");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("EbayException: offer not found");
        await page.CloseAsync();
    }

    [Fact]
    public async Task AListingOnTwoReverbShops_ShowsALinkPerShop()
    {
        var product = await app.CreateProductAsync("SHOPS");
        await app.Get<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = product.Sku, Platform = Platform.Reverb, Operation = "create", Succeeded = true, ExternalId = "101", Url = "https://reverb.com/item/101", RemoteStatus = "ACTIVE",
            Shops = [new ShopListing("default", "101", new Uri("https://reverb.com/item/101"), "ACTIVE"), new ShopListing("b", "202", new Uri("https://reverb.com/item/202"), "ACTIVE")],
        }, CatalogActor.Create("test"));
        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Products" }).First.ClickAsync();
        await page.Locator("#product-search input[name=q]").FillAsync(product.Sku);
        await page.Locator("#product-search").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var badges = page.Locator("#product-list a.badge");
        await Assertions.Expect(badges).ToHaveCountAsync(2);
        await Assertions.Expect(badges.Nth(0)).ToHaveTextAsync("reverb (default): ACTIVE");
        await Assertions.Expect(badges.Nth(0)).ToHaveAttributeAsync("href", "https://reverb.com/item/101");
        await Assertions.Expect(badges.Nth(1)).ToHaveTextAsync("reverb (b): ACTIVE");
        await Assertions.Expect(badges.Nth(1)).ToHaveAttributeAsync("href", "https://reverb.com/item/202");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ReplayingADeadLetter_ProcessesTheSale_AndRemovesIt()
    {
        var product = await app.CreateProductAsync("DL", quantity: 1);
        await app.ListOnReverbAsync(product);
        var order = await app.SellOnReverbAsync(product.Sku);
        var body = Encoding.UTF8.GetBytes($"{{\"order_number\":\"{order}\"}}");
        var id = Guid.NewGuid().ToString("N");
        await app.Get<IWebhookInbox>().DeadLetterAsync(
            new WebhookDelivery(id, "reverb", new Dictionary<string, string[]> { ["Content-Type"] = ["application/json"] }, body, DateTimeOffset.UtcNow),
            "Reverb answered 503 while the order was fetched", CancellationToken.None);

        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Dead letters" }).First.ClickAsync();
        var actions = page.Locator($"[data-dead-letter='{id}']");
        await actions.GetByRole(AriaRole.Button, new() { Name = "View" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dead-letter-body")).ToHaveTextAsync($"{{\"order_number\":\"{order}\"}}");
        await Assertions.Expect(page.Locator("#dead-letter-detail")).ToContainTextAsync("Reverb answered 503");
        await DashboardApp.ScreenshotAsync(page, "deadletters");
        await actions.Locator("button[data-action=replay]").ClickAsync();

        await Assertions.Expect(actions).ToHaveCountAsync(0);
        await Support.Eventually.WaitAsync(async () => (await app.Get<ProductCatalog>().GetAsync(product.Sku))!.Quantity == 0, "the replayed sale to take the stock", 60);
        await page.Locator("#nav a", new() { HasTextString = "Sales" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#sales-feed")).ToContainTextAsync(product.Sku, new() { Timeout = 30_000 });
        await page.CloseAsync();
    }
}
