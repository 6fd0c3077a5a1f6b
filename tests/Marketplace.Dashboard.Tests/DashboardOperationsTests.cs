extern alias sandbox;

using System.Globalization;
using Marketplace.Dashboard.Tests.Support;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using ReverbSandboxState = sandbox::Marketplace.Sandbox.Reverb.ReverbSandboxState;

namespace Marketplace.Dashboard.Tests;

/// <summary>The operations page: the stale-stock policies' dry run, the platform stats pull and the dead-stock list they feed, and the shipping-profile audit.</summary>
[Trait("Category", "Integration")]
[Collection(DashboardCollection.Name)]
public sealed class DashboardOperationsTests(DashboardApp app)
{
    [Fact]
    public async Task AStaleReverbListing_IsReportedByTheDryRun_AndItsViewsReachTheDeadStockList()
    {
        var product = await app.CreateProductAsync("STALE");
        var reference = await app.ListOnReverbAsync(product);
        var reverb = app.SandboxServices.GetRequiredService<ReverbSandboxState>();
        var listingId = long.Parse(reference.ExternalId, CultureInfo.InvariantCulture);
        reverb.SetPublishedAt(listingId, DateTimeOffset.UtcNow.AddDays(-200));
        reverb.SetStats(listingId, views: 3, watches: 1);

        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Operations" }).First.ClickAsync();
        await page.Locator("[data-page=operations][data-loaded=true]").WaitForAsync();

        // The dry run reports the 200-day-old listing as one it would relist, and leaves it as it is.
        await page.Locator("#stale-dry-run").ClickAsync();
        var staleRun = page.Locator("#stale-run");
        await Assertions.Expect(staleRun).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });
        await Assertions.Expect(staleRun.Locator(".stale-report")).ToHaveAttributeAsync("data-dry-run", "true");
        var action = staleRun.Locator("tr", new() { HasText = product.Sku });
        await Assertions.Expect(action).ToContainTextAsync("would-relist");
        await Assertions.Expect(action).ToContainTextAsync("reverb");
        await Assertions.Expect(action).ToContainTextAsync("listed 200 days");
        await Assertions.Expect(action).ToContainTextAsync(reference.ExternalId);

        // The stats pull reads the listing's views and watches; the dead-stock list shows them beside the product.
        await page.Locator("#stats-pull").ClickAsync();
        var statsRun = page.Locator("#stats-run");
        await Assertions.Expect(statsRun).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });
        await Assertions.Expect(statsRun).ToContainTextAsync("reverb:");
        await page.Locator("#dead-stock-days").FillAsync("0");
        await page.Locator("#dead-stock-max-views").FillAsync("3");
        await page.Locator("#dead-stock-form button[type=submit]").ClickAsync();
        var row = page.Locator("#dead-stock tr", new() { HasText = product.Sku });
        await Assertions.Expect(row).ToContainTextAsync("never");
        await Assertions.Expect(row).ToContainTextAsync("reverb 3/1");
        await Assertions.Expect(page.Locator("#dead-stock caption")).ToContainTextAsync("at most 3 views");

        // Fewer views allowed than it has: the product drops out of the list.
        await page.Locator("#dead-stock-max-views").FillAsync("2");
        await page.Locator("#dead-stock-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#dead-stock caption")).ToContainTextAsync("at most 2 views");
        await Assertions.Expect(page.Locator("#dead-stock tr", new() { HasText = product.Sku })).ToHaveCountAsync(0);
        await DashboardApp.ScreenshotAsync(page, "operations-run");
        await page.CloseAsync();
    }

    [Fact]
    public async Task AReverbListingOffItsShippingProfile_IsListedByTheCheck_AndTheFixPutsTheProfileOn()
    {
        var product = await app.CreateProductAsync("SHIPDRIFT", shippingProfiles: new Dictionary<Platform, string> { [Platform.Reverb] = "4242" });
        var reference = await app.ListOnReverbAsync(product);
        // The listing ships under another profile on Reverb (made before the profile changed, or changed there).
        var reverb = app.SandboxServices.GetRequiredService<ReverbSandboxState>();
        reverb.Update(long.Parse(reference.ExternalId, CultureInfo.InvariantCulture), new System.Text.Json.Nodes.JsonObject { ["shipping_profile_id"] = 999L });

        var page = await app.SignedInPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.Locator("#nav a", new() { HasTextString = "Operations" }).First.ClickAsync();
        await page.Locator("[data-page=operations][data-loaded=true]").WaitForAsync();
        await page.Locator("#shipping-platform").SelectOptionAsync("reverb");
        var drift = page.Locator("#shipping-drift");
        var caption = drift.Locator("caption").Last;

        // The check (a durable run) lists the listing under its live profile beside the configured one.
        await page.Locator("#shipping-form button[type=submit]").ClickAsync();
        await Assertions.Expect(drift).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });
        var row = drift.Locator("tr", new() { HasText = product.Sku });
        await Assertions.Expect(row).ToContainTextAsync("4242");
        await Assertions.Expect(row).ToContainTextAsync("999");

        // The fix re-pushes it; a new check finds nothing left.
        await page.Locator("#shipping-fix").ClickAsync();
        await Assertions.Expect(drift.Locator("caption", new() { HasTextString = "Fixed on reverb: 1 of 1" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(drift.Locator("tr", new() { HasText = product.Sku }).First).ToContainTextAsync("re-pushed");
        await DashboardApp.ScreenshotAsync(page, "operations-shipping");
        await page.Locator("#shipping-form button[type=submit]").ClickAsync();
        await Assertions.Expect(caption).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0 of [0-9]+ live listing\\(s\\) on reverb are off"), new() { Timeout = 60_000 });
        await Assertions.Expect(drift.Locator("tr", new() { HasText = product.Sku })).ToHaveCountAsync(0);
        reverb.FindBySku(product.Sku, liveOnly: true).ShouldHaveSingleItem()["shipping_profile_id"]!.GetValue<long>().ShouldBe(4242);
        await page.CloseAsync();
    }
}
