using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Admin;

/// <summary>
/// A listing flagged for review shows its flag in the listing routes, and <c>GET /listings?flagged=</c> filters on it; a listing on
/// several shops shows each shop.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ListingFlagAdminApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task FlaggedListing_ShowsItsFlag_AndTheListingsRouteFiltersOnIt()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);
        var prefix = "FLAG" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string flagged = prefix + "-A", plain = prefix + "-B";
        foreach (var sku in new[] { flagged, plain })
        {
            (await host.Client.PostAsJsonAsync("products", new { sku, title = "Fender Stratocaster 1962", basePrice = 9000, currency = "GBP", quantity = 1, status = "ACTIVE" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
            (await host.Client.PostAsJsonAsync($"products/{sku}/listings/vintageandrare/attempts", new { sku, platform = "vintageandrare", operation = "create", succeeded = true, remoteStatus = "ACTIVE" }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await host.Client.PostAsJsonAsync($"products/{flagged}/listings/vintageandrare/attempts",
            new { sku = flagged, platform = "vintageandrare", operation = "read", succeeded = false, error = "not on the feed", flag = "missing-from-feed" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var own = (await host.Client.GetFromJsonAsync<JsonArray>($"products/{flagged}/listings"))!.Single()!;
        own["flag"]!["reason"]!.GetValue<string>().ShouldBe("missing-from-feed");
        own["flag"]!["detail"]!.GetValue<string>().ShouldBe("not on the feed");
        var onlyFlagged = Skus(await host.Client.GetFromJsonAsync<JsonArray>("listings?platform=vintageandrare&flagged=true"));
        var unflagged = Skus(await host.Client.GetFromJsonAsync<JsonArray>("listings?platform=vintageandrare&flagged=false"));
        onlyFlagged.ShouldContain(flagged);
        onlyFlagged.ShouldNotContain(plain);
        unflagged.ShouldContain(plain);
        unflagged.ShouldNotContain(flagged);
        var problem = await host.Client.GetAsync("listings?flagged=maybe");
        problem.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await problem.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("flagged");
    }

    [Fact]
    public async Task ListingOnTwoShops_TheListingRoutesShowEachShop()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);
        var sku = "SHOPS" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        (await host.Client.PostAsJsonAsync("products", new { sku, title = "Gibson ES-335 1964", basePrice = 12000, currency = "EUR", quantity = 1, status = "ACTIVE" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var shops = new[]
        {
            new { shop = "default", externalId = "101", url = "https://reverb.com/item/101", status = "ACTIVE" },
            new { shop = "b", externalId = "202", url = "https://reverb.com/item/202", status = "DRAFT" },
        };

        (await host.Client.PostAsJsonAsync($"products/{sku}/listings/reverb/attempts",
            new { sku, platform = "reverb", operation = "create", succeeded = true, externalId = "101", url = "https://reverb.com/item/101", remoteStatus = "ACTIVE", shops })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var own = (await host.Client.GetFromJsonAsync<JsonArray>($"products/{sku}/listings"))!.Single()!;
        var listed = (await host.Client.GetFromJsonAsync<JsonArray>("listings?platform=reverb&limit=5000"))!.Single(l => l!["sku"]!.GetValue<string>() == sku)!;
        foreach (var listing in new[] { own, listed })
        {
            listing["externalId"]!.GetValue<string>().ShouldBe("101");
            listing["shops"]!.AsArray().Select(s => (s!["shop"]!.GetValue<string>(), s["externalId"]!.GetValue<string>(), s["url"]!.GetValue<string>(), s["status"]!.GetValue<string>()))
                .ShouldBe([("default", "101", "https://reverb.com/item/101", "ACTIVE"), ("b", "202", "https://reverb.com/item/202", "DRAFT")]);
        }
    }

    private static List<string> Skus(JsonArray? listings) => [.. listings!.Select(l => l!["sku"]!.GetValue<string>())];
}
