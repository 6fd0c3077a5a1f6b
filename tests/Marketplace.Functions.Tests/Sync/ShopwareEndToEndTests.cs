extern alias sandbox;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using ShopwareSandboxServer = sandbox::Marketplace.Sandbox.Shopware.ShopwareSandboxServer;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>The Shopware backfill admin route with Shopware configured from settings (worker in the app, Azurite, the Shopware sandbox).</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task PostBackfill_InFullMode_PublishesTheCatalog_AndTheStatusUrlShowsIt()
    {
        await using var shopware = await ShopwareSandboxServer.StartAsync();
        await using var app = CreateApp(shopware, "Full");
        using var http = app.CreateClient();
        var prefix = "BFA" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        for (var i = 0; i < 7; i++)
        {
            await app.Services.GetRequiredService<ProductCatalog>().CreateAsync(new Product
            {
                Sku = $"{prefix}-{i}", Title = $"Vox AC15 {i}", BasePrice = 699m, Currency = "EUR", Quantity = 2, Stocked = true, Status = ProductStatus.Active,
            }, CatalogActor.Create("test"));
        }

        // The app's catalog table is shared by the tests on this Azurite: the backfill publishes every ACTIVE product in it,
        // and tests running beside this one may add some while it runs.
        var activeBefore = await CountActiveAsync(app);

        using var bad = await PostAsync(http, new JsonObject { ["batchSize"] = 0 });
        using var started = await PostAsync(http, new JsonObject { ["batchSize"] = 3 });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var statusUrl = (await started.Content.ReadFromJsonAsync<JsonObject>())!["statusUrl"]!.GetValue<string>();
        JsonObject status = [];
        await Eventually.WaitAsync(async () => (status = await GetAsync(http, statusUrl))["status"]?.GetValue<string>() == "Completed", "backfill completed", 90);

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        status["output"]!["published"]!.GetValue<int>().ShouldBeInRange(activeBefore, await CountActiveAsync(app));
        Enumerable.Range(0, 7).ShouldAllBe(i => shopware.State.ProductByNumber($"{prefix}-{i}") != null);
    }

    [Theory]
    [InlineData("SearchOnly")]
    [InlineData("StockOnly")]
    public async Task PostBackfill_BeforeFullMode_IsAConflictProblem_AndWritesNothing(string mode)
    {
        await using var shopware = await ShopwareSandboxServer.StartAsync();
        await using var app = CreateApp(shopware, mode);
        using var http = app.CreateClient();

        using var response = await PostAsync(http, null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().ShouldContain(mode);
        shopware.State.Writes.ShouldBeEmpty();
    }

    private FunctionsAppFactory CreateApp(ShopwareSandboxServer shopware, string mode)
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Sync:WorkerEnabled"] = "true";
        settings["Sync:TaskHub"] = AzuriteFixture.UniqueName("hub");
        settings["Shopware:BaseUrl"] = shopware.BaseUrl.ToString();
        settings["Shopware:ClientId"] = shopware.State.Options.ClientId;
        settings["Shopware:ClientSecret"] = shopware.State.Options.ClientSecret;
        settings["Shopware:TaxId"] = "792203a53e564e28bcb7ffa1867fb485";
        settings["Shopware:Mode"] = mode;
        return new FunctionsAppFactory(settings);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, JsonObject? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/shopware/backfill") { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        return await http.SendAsync(request);
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        using var response = await http.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<int> CountActiveAsync(FunctionsAppFactory app)
    {
        var active = 0;
        string? cursor = null;
        do
        {
            var page = await app.Services.GetRequiredService<ProductCatalog>().SearchAsync(new ProductQuery(Status: ProductStatus.Active, Cursor: cursor, PageSize: 100));
            active += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return active;
    }
}
