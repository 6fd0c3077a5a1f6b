using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class QuantityRuleAdminApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task QuantityRule_IsSetReadListedAndReset()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);
        (await host.Client.GetFromJsonAsync<JsonObject>("rules/quantity/ebay"))!["percent"]!.GetValue<decimal>().ShouldBe(100m);

        var put = await host.Client.PutAsJsonAsync("rules/quantity/ebay", new { percent = 50, maximum = 3, buffer = 1, oneOffOnly = true });
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rule = (await host.Client.GetFromJsonAsync<JsonObject>("rules/quantity/ebay"))!;
        (rule["percent"]!.GetValue<decimal>(), rule["maximum"]!.GetValue<int>(), rule["buffer"]!.GetValue<int>(), rule["oneOffOnly"]!.GetValue<bool>())
            .ShouldBe((50m, 3, 1, true));
        (await host.Client.GetFromJsonAsync<JsonObject>("rules/quantity"))!.Select(r => r.Key).ShouldBe(["ebay"]);

        (await host.Client.DeleteAsync("rules/quantity/ebay")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.GetFromJsonAsync<JsonObject>("rules/quantity"))!.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvalidRuleOrPlatform_IsAProblemNamingTheField()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);

        var bad = await host.Client.PutAsJsonAsync("rules/quantity/ebay", new { percent = 150 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("percent");
        var unknown = await host.Client.PutAsJsonAsync("rules/quantity/etsy", new { percent = 50 });
        (await unknown.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("platform");
    }

    [Fact]
    public async Task ShippingProfileDrift_NeedsAPlatform_AndTheSyncServices()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);

        var missing = await host.Client.GetAsync("shipping-profiles/drift");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("platform");
        (await host.Client.PostAsync("shipping-profiles/fix?platform=ebay", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.Client.PostAsync("shipping-profiles/audit?platform=ebay", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
