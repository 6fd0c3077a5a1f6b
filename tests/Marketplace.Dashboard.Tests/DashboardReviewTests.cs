using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Marketplace.Dashboard.Tests.Support;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Catalog.Unmatched;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Photos;
using Marketplace.TestSupport.Photos;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Marketplace.Dashboard.Tests;

/// <summary>What waits for an operator: sales of unknown SKUs (and photo batches the matcher could not place).</summary>
[Trait("Category", "Integration")]
[Collection(DashboardCollection.Name)]
public sealed class DashboardReviewTests(DashboardApp app)
{
    [Fact]
    public async Task ResolvingAnUnmatchedSale_ToAnExistingSku_TakesItsStock()
    {
        var product = await app.CreateProductAsync("REAL", quantity: 1);
        var sale = new SaleEvent("reverb", Guid.NewGuid().ToString("N")[..10], "1", "TYPO-" + product.Sku, 1, 900m, "EUR", DateTimeOffset.UtcNow);
        (await app.Get<SaleStarter>().StartAsync(sale)).ShouldBeTrue();
        await Eventually.WaitAsync(async () => (await app.Get<UnmatchedSaleStore>().GetAsync(sale.EventId))?.Status == UnmatchedSaleStatus.Open,
            "the sale of an unknown SKU to be kept as unmatched", 60);

        var page = await app.SignedInPageAsync();
        await Assertions.Expect(page.Locator("#unmatched-sales-count")).Not.ToHaveTextAsync("0");
        await page.Locator("#nav a", new() { HasTextString = "Unmatched sales" }).First.ClickAsync();
        var row = page.Locator("#unmatched-list tr", new() { HasTextString = sale.Sku });
        await Assertions.Expect(row).ToContainTextAsync(sale.OrderId);
        await Assertions.Expect(row).ToContainTextAsync("reverb");
        await DashboardApp.ScreenshotAsync(page, "unmatched");
        await page.SetViewportSizeAsync(375, 812);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375, "an open unmatched sale scrolls sideways at 375 px");
        await DashboardApp.ScreenshotAsync(page, "unmatched-open-375");
        await row.Locator("input[name=sku]").FillAsync(product.Sku);
        await row.Locator("button[data-action=resolve]").ClickAsync();

        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Eventually.WaitAsync(async () => (await app.Get<ProductCatalog>().GetAsync(product.Sku))!.Quantity == 0, "the resolved sale to take the stock", 60);
        var closed = (await app.Get<UnmatchedSaleStore>().GetAsync(sale.EventId)).ShouldNotBeNull();
        closed.Status.ShouldBe(UnmatchedSaleStatus.Resolved);
        closed.AppliedTo.ShouldBe(product.Sku);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ResolvingAnUnmatchedPhotoBatch_ToACandidate_DraftsThatRelease()
    {
        var cover = await PhotoImages.RenderAsync(PhotoStyle.Label, ["Greatest Hits", "Live"], 21, 2);
        var batchId = await UploadAsync(cover, "Dust Choir");
        var store = app.Get<PhotoBatchStore>();
        PhotoBatchRecord? batch = null;
        await Eventually.WaitAsync(async () => (batch = await store.GetAsync(batchId, CancellationToken.None))?.Stage is "UNMATCHED" or "FAILED",
            "the batch to wait as UNMATCHED", 90);
        batch!.Stage.ShouldBe("UNMATCHED");
        var chosen = batch.Candidates[1].ReleaseId;

        var page = await app.SignedInPageAsync();
        await Assertions.Expect(page.Locator("#unmatched-photos-count")).Not.ToHaveTextAsync("0");
        await page.Locator("#nav a", new() { HasTextString = "Photos" }).First.ClickAsync();
        await page.Locator($"button[data-batch='{batchId}']").ClickAsync();
        var detail = page.Locator("#photo-detail");
        await Assertions.Expect(detail).ToContainTextAsync("Greatest Hits");
        await Assertions.Expect(detail).ToContainTextAsync("Dust Choir");
        await Assertions.Expect(detail.Locator("button", new() { HasTextString = $"Use {chosen}" })).ToBeVisibleAsync();
        await Assertions.Expect(detail).Not.ToContainTextAsync("null");
        await DashboardApp.ScreenshotAsync(page, "photos");
        await detail.Locator("#photo-release").FillAsync(chosen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await detail.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();

        await Assertions.Expect(detail).ToBeHiddenAsync();
        await Eventually.WaitAsync(async () => (batch = await store.GetAsync(batchId, CancellationToken.None))?.Stage is "DRAFTED" or "FAILED",
            "the resolved batch to be drafted", 90);
        batch!.Decision.ShouldNotBeNull().ReleaseId.ShouldBe(chosen);
        (await app.Get<ProductCatalog>().GetAsync(batch.Draft!.Sku))!.Identifiers!.DiscogsReleaseId.ShouldBe(chosen);
        await page.CloseAsync();
    }

    private async Task<string> UploadAsync(byte[] cover, string artist)
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        http.DefaultRequestHeaders.Add("x-functions-key", DashboardApp.AdminKey);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(cover);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "cover", "cover.jpg");
        form.Add(new StringContent(artist), "artist");
        using var response = await http.PostAsync("/api/photos", form);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["batchId"]!.GetValue<string>();
    }
}
