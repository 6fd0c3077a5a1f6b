using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Catalog.Stats;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Operations;

/// <summary>The stale-stock and platform-stats admin routes on the standalone host (worker in the app, Azurite, no platforms configured).</summary>
[Trait("Category", "Integration")]
public sealed class DailyWorkflowAdminTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Routes_ShowTheSettings_RunOnceToAReport_ListDeadStock_AndRefuseABadNumberWithAProblem()
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Sync:WorkerEnabled"] = "true";
        settings["Sync:TaskHub"] = AzuriteFixture.UniqueName("hub");
        settings["StaleStock:RelistAfterDays"] = "90";
        settings["PlatformStats:DeadStockMaxViews"] = "7";
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();
        // The catalog table is shared with the other tests here: this test's own product must be on the list.
        var sku = "DS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await app.Services.GetRequiredService<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = "Gretsch Duo Jet", BasePrice = 1500m, Currency = "EUR", Quantity = 1, Status = ProductStatus.Active,
        }, CatalogActor.Create("test"));

        var staleStock = await SendAsync(http, HttpMethod.Get, "/api/admin/stale-stock", HttpStatusCode.OK);
        var run = await SendAsync(http, HttpMethod.Post, "/api/admin/stale-stock/run?dryRun=true", HttpStatusCode.Accepted);
        var pull = await SendAsync(http, HttpMethod.Post, "/api/admin/stats/pull", HttpStatusCode.Accepted);
        var bad = await SendAsync(http, HttpMethod.Get, "/api/admin/stats/dead-stock?days=soon", HttpStatusCode.BadRequest);
        var dead = await SendAsync(http, HttpMethod.Get, "/api/admin/stats/dead-stock?days=0", HttpStatusCode.OK);

        (staleStock["enabled"]!.GetValue<bool>(), staleStock["relistAfterDays"]!.GetValue<int>()).ShouldBe((false, 90));
        staleStock["daily"].ShouldBeNull("the daily workflow is off by default");
        bad["errors"]!.AsObject().ShouldContainKey("days");
        (dead["days"]!.GetValue<int>(), dead["maxViews"]!.GetValue<int>()).ShouldBe((0, 7));
        var items = dead["items"]!.AsArray();
        dead["count"]!.GetValue<int>().ShouldBe(items.Count);
        items.Select(i => i!["sku"]!.GetValue<string>()).ShouldContain(sku, "an active product with no sale and no views is dead stock");
        foreach (var started in new[] { run, pull })
        {
            var url = started["statusUrl"]!.GetValue<string>();
            JsonObject status = [];
            await Eventually.WaitAsync(async () => (status = await SendAsync(http, HttpMethod.Get, url, HttpStatusCode.OK))["status"]?.GetValue<string>() == "Completed", url, 90);
            status["output"].ShouldNotBeNull(url);
        }
    }

    [Fact]
    public async Task WhereSold_ShowsThePulledViewsAndWatchesBesideTheSales()
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();
        var sku = "WS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await app.Services.GetRequiredService<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = "Fender Jazzmaster", BasePrice = 900m, Currency = "EUR", Quantity = 2, Stocked = true, Status = ProductStatus.Active,
        }, CatalogActor.Create("test"));
        await app.Services.GetRequiredService<InventoryLedger>().AppendAsync(new InventoryChange
        {
            Sku = sku, Delta = -1, Reason = LedgerReason.Sale, EventId = "ws-" + sku, Source = Platform.Reverb, OrderId = "R-9",
        });
        await app.Services.GetRequiredService<ListingStatsStore>().UpsertAsync(
        [
            new ListingStats(sku, Platform.Reverb, "70000001", 120, 9, null, null, DateTimeOffset.UtcNow),
            new ListingStats(sku, Platform.Ebay, "110000001", 45, null, null, 800, DateTimeOffset.UtcNow),
        ]);

        var report = await SendAsync(http, HttpMethod.Get, $"/api/admin/catalog/reports/where-sold?sku={sku}", HttpStatusCode.OK);

        report["stats"]!.AsArray().Select(s => (s!["platform"]!.GetValue<string>(), s["views"]!.GetValue<int>())).Order().ShouldBe([("ebay", 45), ("reverb", 120)]);
        var reverb = report["byPlatform"]!.AsArray().Single(p => p!["platform"]!.GetValue<string>() == "reverb")!;
        (reverb["unitsSold"]!.GetValue<int>(), reverb["views"]!.GetValue<int>(), reverb["watches"]!.GetValue<int>()).ShouldBe((1, 120, 9));
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, string url, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
