using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>Full sync PULL through the admin API (start, status URL with progress, cancel, retry), worker in the app, Azurite, an in-memory eBay.</summary>
[Trait("Category", "Integration")]
public sealed class SyncAdminPullTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task PostFullSync_WithDirectionPull_StagesTheChange_AndTheStatusUrlShowsThePullProgress()
    {
        var ebay = new SyncAdminFakePlatform(MarketplacePlatform.Ebay);
        await using var app = CreateApp(ebay);
        using var http = app.CreateClient();
        var sku = await ListAsync(app.Services, ebay, "Renamed on eBay");

        using var bad = await PostAsync(http, "/api/admin/sync/full", new JsonObject { ["direction"] = "SIDEWAYS" });
        var statusUrl = await StartAsync(http, new JsonObject { ["direction"] = "PULL", ["scope"] = "SELECTIVE", ["skus"] = new JsonArray(sku), ["platforms"] = new JsonArray("ebay") });
        var status = await WaitForAsync(http, statusUrl, "Completed");

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var pull = status["customStatus"]!["pull"]!;
        pull["completed"]!.GetValue<bool>().ShouldBeTrue();
        pull["perPlatform"]!["ebay"]!["read"]!.GetValue<int>().ShouldBe(1);
        pull["perPlatform"]!["ebay"]!["review"]!.GetValue<int>().ShouldBe(1);
        var change = status["output"]!["pull"]!["changes"]!.AsArray().ShouldHaveSingleItem()!;
        change["field"]!.GetValue<string>().ShouldBe("title");
        var changeSet = (await ChangeSetsAsync(app.Services, [sku])).ShouldHaveSingleItem();
        changeSet.Changes.ShouldHaveSingleItem().After!.GetValue<string>().ShouldBe("Renamed on eBay");
    }

    [Fact]
    public async Task FullPull_CancelledThroughTheApi_ThenRetried_FinishesWithoutDuplicateChangeSets()
    {
        var ebay = new SyncAdminFakePlatform(MarketplacePlatform.Ebay) { ReadDelay = TimeSpan.FromMilliseconds(400) };
        await using var app = CreateApp(ebay);
        using var http = app.CreateClient();
        var skus = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            skus.Add(await ListAsync(app.Services, ebay, $"Renamed {i}"));
        }

        var statusUrl = await StartAsync(http, new JsonObject
        {
            ["direction"] = "PULL", ["scope"] = "SELECTIVE", ["skus"] = new JsonArray([.. skus.Select(s => (JsonNode)s)]), ["platforms"] = new JsonArray("ebay"), ["batchSize"] = 1,
        });
        await Eventually.WaitAsync(async () => (await GetAsync(http, statusUrl))["customStatus"]?["pull"]?["perPlatform"]?["ebay"]?["read"]?.GetValue<int>() >= 1, "the first page", 60);
        using var cancel = await PostAsync(http, statusUrl + "/cancel", null);
        await WaitForAsync(http, statusUrl, "Terminated");
        using var cancelAgain = await PostAsync(http, statusUrl + "/cancel", null);
        using var retry = await PostAsync(http, statusUrl + "/retry", null);
        var status = await WaitForAsync(http, statusUrl, "Completed");

        cancel.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        cancelAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        status["output"]!["pull"]!["perPlatform"]!["ebay"]!["read"]!.GetValue<int>().ShouldBe(5);
        (await ChangeSetsAsync(app.Services, skus)).Select(c => c.Sku).Order().ShouldBe(skus.Order());
    }

    private FunctionsAppFactory CreateApp(SyncAdminFakePlatform platform)
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Sync:WorkerEnabled"] = "true";
        settings["Sync:TaskHub"] = AzuriteFixture.UniqueName("hub");
        return new FunctionsAppFactory(settings, s => s.AddSingleton<IMarketplaceConnector>(platform));
    }

    private static async Task<string> ListAsync(IServiceProvider services, SyncAdminFakePlatform platform, string remoteTitle)
    {
        var sku = "ADM-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var actor = CatalogActor.Create("test");
        var product = await services.GetRequiredService<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = $"Fender Stratocaster {sku}", DescriptionHtml = "<p>1978.</p>", Brand = "Fender", Model = "Stratocaster", Year = 1978,
            BasePrice = 1299m, Currency = "EUR", Quantity = 1, Status = ProductStatus.Active,
        }, actor);
        platform.Seed(sku, remoteTitle, 1299m, 1);
        await services.GetRequiredService<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = sku, Platform = Platform.Ebay, Operation = "create", Succeeded = true, Version = product.Version, ExternalId = $"ebay-{sku}", RemoteStatus = "ACTIVE",
        }, actor);
        return sku;
    }

    private static async Task<List<ChangeSet>> ChangeSetsAsync(IServiceProvider services, IEnumerable<string> skus)
    {
        var all = new List<ChangeSet>();
        foreach (var sku in skus)
        {
            await foreach (var changeSet in services.GetRequiredService<ChangeSetService>().ListAsync(sku))
            {
                all.Add(changeSet);
            }
        }

        return all;
    }

    private static async Task<string> StartAsync(HttpClient http, JsonObject body)
    {
        using var response = await PostAsync(http, "/api/admin/sync/full", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["statusUrl"]!.GetValue<string>();
    }

    private static async Task<JsonObject> WaitForAsync(HttpClient http, string statusUrl, string runtimeStatus)
    {
        JsonObject status = [];
        await Eventually.WaitAsync(async () => (status = await GetAsync(http, statusUrl))["status"]?.GetValue<string>() == runtimeStatus, $"{statusUrl} {runtimeStatus}", 90);
        return status;
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string url, JsonObject? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        return await http.SendAsync(request);
    }
}
