using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Catalog.Unmatched;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>The admin routes of unmatched sales: list, dismiss, and problem details for bad input.</summary>
[Trait("Category", "Integration")]
public sealed class UnmatchedSalesApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Unmatched_ListedByTheAdminRoute_DismissedOnce_AndBadInputIsAProblem()
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Sync:TaskHub"] = AzuriteFixture.UniqueName("hub");
        await using var app = new FunctionsAppFactory(settings, s => s.AddSingleton<IMarketplaceConnector>(new SyncAdminFakePlatform(MarketplacePlatform.Ebay)));
        using var http = app.CreateClient();
        var sale = new SaleEvent("ebay", "77-1-1", "9/1", "GHOST-" + Guid.NewGuid().ToString("N")[..6], 1, null, null, DateTimeOffset.UtcNow);
        await app.Services.GetRequiredService<UnmatchedSaleStore>().RecordAsync(sale);

        var listed = await SendAsync(http, HttpMethod.Get, "/api/admin/sync/unmatched?status=open");
        using var badStatus = await RawAsync(http, HttpMethod.Get, "/api/admin/sync/unmatched?status=LOST");
        using var noSku = await RawAsync(http, HttpMethod.Post, $"/api/admin/sync/unmatched/{Uri.EscapeDataString(sale.EventId)}/resolve", new JsonObject());
        using var dismissed = await RawAsync(http, HttpMethod.Post, $"/api/admin/sync/unmatched/{Uri.EscapeDataString(sale.EventId)}/dismiss", new JsonObject { ["note"] = "test order" });
        using var again = await RawAsync(http, HttpMethod.Post, $"/api/admin/sync/unmatched/{Uri.EscapeDataString(sale.EventId)}/dismiss", null);

        listed["sales"]!.AsArray().ShouldContain(s => s!["eventId"]!.GetValue<string>() == sale.EventId && s["status"]!.GetValue<string>() == "OPEN");
        badStatus.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badStatus.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await badStatus.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["type"].ShouldNotBeNull();
        problem["status"]!.GetValue<int>().ShouldBe(400);
        problem["detail"]!.GetValue<string>().ShouldBe("status must be one of OPEN, APPLIED, RESOLVED, DISMISSED.");
        noSku.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        dismissed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Services.GetRequiredService<UnmatchedSaleStore>().GetAsync(sale.EventId))!.Status.ShouldBe(UnmatchedSaleStatus.Dismissed);
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, string url)
    {
        using var response = await RawAsync(http, method, url, null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<HttpResponseMessage> RawAsync(HttpClient http, HttpMethod method, string url, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        return await http.SendAsync(request);
    }
}
