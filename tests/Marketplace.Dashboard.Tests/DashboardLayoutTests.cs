using Marketplace.Dashboard.Tests.Support;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Marketplace.Dashboard.Tests;

/// <summary>Every page at phone width and by keyboard, with a screenshot of each page at 375 and 1280 px kept as a test artifact.</summary>
[Trait("Category", "Integration")]
[Collection(DashboardCollection.Name)]
public sealed class DashboardLayoutTests(DashboardApp app)
{
    private static readonly string[] Pages = ["overview", "syncs", "changesets", "products", "sales", "unmatched", "deadletters", "photos", "operations"];

    [Fact]
    public async Task EveryPage_At375Pixels_HasNoHorizontalScroll_AndIsScreenshotted()
    {
        await app.CreateProductAsync("PHONE");
        var page = await app.SignedInPageAsync(375, 812);
        foreach (var name in Pages)
        {
            await page.GotoAsync($"/api/dashboard/#/{name}");
            await page.Locator($"[data-page={name}][data-loaded=true]").WaitForAsync();
            await DashboardApp.ScreenshotAsync(page, $"{name}-375");
            var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
            scrollWidth.ShouldBeLessThanOrEqualTo(innerWidth, $"page {name} scrolls sideways at 375 px");
        }

        await page.SetViewportSizeAsync(1280, 900);
        foreach (var name in Pages)
        {
            await page.GotoAsync($"/api/dashboard/#/{name}");
            await page.Locator($"[data-page={name}][data-loaded=true]").WaitForAsync();
            if (name == "sales")
            {
                await Assertions.Expect(page.Locator("#where-sold-chart canvas")).ToBeVisibleAsync();
            }

            await DashboardApp.ScreenshotAsync(page, name);
        }

        await page.CloseAsync();
    }

    [Fact]
    public async Task EverySection_IsReachableWithTheKeyboard()
    {
        var page = await app.SignedInPageAsync();
        var reached = new List<string>();
        for (var i = 0; i < 30 && reached.Count < Pages.Length; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("document.activeElement?.dataset?.view ?? null") is { } view && !reached.Contains(view))
            {
                reached.Add(view);
            }
        }

        reached.ShouldBe(Pages);
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-page=photos]").WaitForAsync();
        await page.CloseAsync();
    }
}
