extern alias sandbox;

using System.Net;
using System.Net.Http.Json;
using Marketplace.Functions.Tests.Support;
using sandbox::Marketplace.Sandbox.Ebay;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>
/// The admin side of the Reverb shops in the functions app (standalone mode, sync worker on): the overview's rate-limit
/// headroom per shop, products naming a shop that is not configured, and the durable shipping-profile audit.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReverbAccountsAdminTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string SecretA = SyncConnectorSettings.ReverbWebhookSecret;

    [Fact]
    public async Task TheOverviewsReverbHeadroom_CountsEachShopsThrottling_AndNamesTheShop()
    {
        await using var sandbox = await EbayReverbSandboxServer.StartAsync();
        var settings = SaleWorkerSettings.For(azurite, sandbox, SecretA);
        settings["Reverb:Accounts:b:AccessToken"] = sandbox.ReverbShop("b").Options.AccessToken;
        settings["Reverb:MaxRetries"] = "0";
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();
        var quiet = await ReverbHeadroomAsync(http);
        var faults = sandbox.Reverb.Options.Faults;
        (faults.FaultRate, faults.Faults) = (1, SandboxFaultKinds.RateLimit);
        try
        {
            // Only shop B's client calls: the 429 is shop B's.
            await Should.ThrowAsync<MarketplaceException>(() => app.Services.GetRequiredService<ReverbAccounts>().ClientFor("b").FindListingBySkuAsync("THROTTLED-1"));
        }
        finally
        {
            (faults.FaultRate, faults.Faults) = (0, SandboxFaultKinds.All);
        }

        var reverb = await ReverbHeadroomAsync(http);

        (quiet["throttled"]!.GetValue<int>(), quiet["lastShop"]).ShouldBe((0, null));
        (reverb["throttled"]!.GetValue<int>(), reverb["lastShop"]!.GetValue<string>(), reverb["lastRetryAfterSeconds"]!.GetValue<double>()).ShouldBe((1, "b", 1d));
        reverb["shops"]!.AsArray().Select(shop => (shop!["shop"]!.GetValue<string>(), shop["throttled"]!.GetValue<int>())).ShouldBe([("default", 0), ("b", 1)]);
    }

    [Fact]
    public async Task AProductNamingAReverbShopThatIsNotConfigured_IsRefusedAtOnce_WithTheConfiguredShops()
    {
        await using var sandbox = await EbayReverbSandboxServer.StartAsync();
        var settings = SaleWorkerSettings.For(azurite, sandbox, SecretA);
        settings["Reverb:Accounts:B:AccessToken"] = sandbox.ReverbShop("b").Options.AccessToken;
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();
        var sku = "SHOPS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        using var typo = await PostProductAsync(http, sku, "default", "shop-b");
        using var known = await PostProductAsync(http, sku, "default", "b");

        typo.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        typo.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await typo.Content.ReadAsStringAsync())!;
        problem["errors"]!["reverbAccounts"]![0]!.GetValue<string>().ShouldBe("'shop-b' is not a configured Reverb shop (configured: b, default).");
        known.StatusCode.ShouldBe(HttpStatusCode.Created, await known.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheShippingProfileAudit_RunsAsADurableRun_WithItsStatusUrl_AndRefusesAPlatformWithoutProfiles()
    {
        await using var sandbox = await EbayReverbSandboxServer.StartAsync();
        var settings = SaleWorkerSettings.For(azurite, sandbox, SecretA);
        await using var app = new FunctionsAppFactory(settings);
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", FunctionsAppFactory.AdminKey);

        using var started = await http.PostAsync("/api/admin/catalog/shipping-profiles/audit?platform=reverb", null);
        using var refused = await http.PostAsync("/api/admin/catalog/shipping-profiles/audit?platform=discogs", null);

        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var run = System.Text.Json.Nodes.JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        (run["platform"]!.GetValue<string>(), run["fix"]!.GetValue<bool>()).ShouldBe(("reverb", false));
        System.Text.Json.Nodes.JsonNode? status = null;
        await Eventually.WaitAsync(async () =>
        {
            status = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(run["statusUrl"]!.GetValue<string>()));
            return status!["status"]!.GetValue<string>() is "Completed" or "Failed";
        }, "the audit run to finish", 60);
        status!["status"]!.GetValue<string>().ShouldBe("Completed", status.ToJsonString());
        status["output"]!["drift"]!.AsArray().ShouldBeEmpty();
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        problem["errors"]!["platform"]![0]!.GetValue<string>().ShouldBe("'discogs' has no shipping profiles to audit here (audited: ebay, reverb).");
    }

    private static async Task<HttpResponseMessage> PostProductAsync(HttpClient http, string sku, params string[] reverbAccounts)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/catalog/products")
        {
            Content = JsonContent.Create(new { sku, title = "Fender Stratocaster", basePrice = 1299m, currency = "EUR", quantity = 1, reverbAccounts }),
        };
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        return await http.SendAsync(request);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ReverbHeadroomAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/dashboard/overview");
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var platforms = System.Text.Json.Nodes.JsonNode.Parse(body)!["platforms"]!.AsArray();
        return platforms.Single(p => p!["platform"]!.GetValue<string>() == "reverb")!["rateLimit"]!;
    }
}
