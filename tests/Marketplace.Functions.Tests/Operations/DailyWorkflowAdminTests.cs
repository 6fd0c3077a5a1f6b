using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Functions.Tests.Support;
using Marketplace.TestSupport;
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

        var staleStock = await SendAsync(http, HttpMethod.Get, "/api/admin/stale-stock", HttpStatusCode.OK);
        var run = await SendAsync(http, HttpMethod.Post, "/api/admin/stale-stock/run?dryRun=true", HttpStatusCode.Accepted);
        var pull = await SendAsync(http, HttpMethod.Post, "/api/admin/stats/pull", HttpStatusCode.Accepted);
        var bad = await SendAsync(http, HttpMethod.Get, "/api/admin/stats/dead-stock?days=soon", HttpStatusCode.BadRequest);
        var dead = await SendAsync(http, HttpMethod.Get, "/api/admin/stats/dead-stock?days=0", HttpStatusCode.OK);

        (staleStock["enabled"]!.GetValue<bool>(), staleStock["relistAfterDays"]!.GetValue<int>()).ShouldBe((false, 90));
        staleStock["daily"].ShouldBeNull("the daily workflow is off by default");
        bad["errors"]!.AsObject().ShouldContainKey("days");
        (dead["days"]!.GetValue<int>(), dead["maxViews"]!.GetValue<int>(), dead["count"]!.GetValue<int>()).ShouldBe((0, 7, 0));
        foreach (var started in new[] { run, pull })
        {
            var url = started["statusUrl"]!.GetValue<string>();
            JsonObject status = [];
            await Eventually.WaitAsync(async () => (status = await SendAsync(http, HttpMethod.Get, url, HttpStatusCode.OK))["status"]?.GetValue<string>() == "Completed", url, 90);
            status["output"].ShouldNotBeNull(url);
        }
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
