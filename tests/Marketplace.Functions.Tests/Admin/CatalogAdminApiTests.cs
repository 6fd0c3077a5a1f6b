using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class CatalogAdminApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static JsonObject Product(string sku, int quantity = 1) => new()
    {
        ["sku"] = sku,
        ["title"] = "Gibson ES-335 1964",
        ["basePrice"] = 8500,
        ["currency"] = "GBP",
        ["quantity"] = quantity,
        ["stocked"] = quantity > 1,
        ["status"] = "ACTIVE",
        ["priceRules"] = new JsonObject { ["shopify"] = new JsonObject { ["percentMarkup"] = -5, ["rounding"] = new JsonObject { ["step"] = 1000, ["ending"] = 999 } } },
    };

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task InvalidProduct_IsRejectedWithProblemDetailsNamingEachField()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);
        var body = Product("BAD-1");
        body["currency"] = "pounds";
        body["basePrice"] = -3;

        var problem = await ProblemAsync(await host.Client.PostAsJsonAsync("products", body), HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["basePrice", "currency"], ignoreOrder: true);
    }

    [Fact]
    public async Task BadReverbAccountKey_IsRejectedByTheProductApiAndTheCsvImport_WithOneMessage()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);
        var body = Product("RA-API-1");
        body["reverbAccounts"] = new JsonArray("default", "Shop B");
        var csv = "sku,title,base_price,reverb_accounts\nRA-API-2,Fender Telecaster,10,default|Shop B\n";

        var api = await ProblemAsync(await host.Client.PostAsJsonAsync("products", body), HttpStatusCode.BadRequest);
        var import = await ProblemAsync(await host.Client.PostAsync("import", new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.UnprocessableEntity);

        var message = api["errors"]!["reverbAccounts"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>();
        message.ShouldContain("'Shop B'");
        var row = import["rowErrors"]!.AsArray().ShouldHaveSingleItem()!;
        (row["line"]!.GetValue<int>(), row["column"]!.GetValue<string>(), row["message"]!.GetValue<string>()).ShouldBe((2, "reverb_accounts", message));
    }

    [Fact]
    public async Task MalformedJson_NamesTheField()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);
        var content = new StringContent("""{"sku":"X-1","title":"T","basePrice":"cheap"}""", Encoding.UTF8, "application/json");

        var problem = await ProblemAsync(await host.Client.PostAsync("products", content), HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().ShouldContainKey("basePrice");
    }

    [Fact]
    public async Task BadQueryParameter_AndUnknownSku_AndStaleVersion_AreProblems()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);
        (await ProblemAsync(await host.Client.GetAsync("products?status=SOMETIMES"), HttpStatusCode.BadRequest))["errors"]!.AsObject().ShouldContainKey("status");
        (await ProblemAsync(await host.Client.GetAsync("products/NOPE-1"), HttpStatusCode.NotFound))["field"]!.GetValue<string>().ShouldBe("sku");
        (await ProblemAsync(await host.Client.GetAsync("products/bad%20sku%23/ledger"), HttpStatusCode.NotFound))["field"]!.GetValue<string>().ShouldBe("sku");
        (await ProblemAsync(await host.Client.PostAsJsonAsync("products/V-0/adjustments", new { delta = 1, reason = "SALE", eventId = "e" }), HttpStatusCode.BadRequest))["errors"]!.AsObject().ShouldContainKey("delta");

        (await host.Client.PostAsJsonAsync("products", Product("V-1"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var stale = Product("V-1");
        stale["version"] = 5;
        (await ProblemAsync(await host.Client.PutAsJsonAsync("products/V-1", stale), HttpStatusCode.Conflict))["field"]!.GetValue<string>().ShouldBe("version");
        (await ProblemAsync(await host.Client.PostAsJsonAsync("products", Product("V-1")), HttpStatusCode.Conflict))["field"]!.GetValue<string>().ShouldBe("sku");
    }

    [Fact]
    public async Task ProductLedgerChangeSetAndReports_WorkEndToEnd()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);
        var created = await host.Client.PostAsJsonAsync("products", Product("E2E-1", quantity: 3));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldEndWith("/products/E2E-1");

        var sale = await host.Client.PostAsJsonAsync("products/E2E-1/adjustments", new { delta = -1, reason = "SALE", eventId = "reverb:1:1", source = "reverb", orderId = "1" });
        sale.StatusCode.ShouldBe(HttpStatusCode.Created);
        var duplicate = await host.Client.PostAsJsonAsync("products/E2E-1/adjustments", new { delta = -1, reason = "SALE", eventId = "reverb:1:1", source = "reverb", orderId = "1" });
        (await duplicate.Content.ReadFromJsonAsync<JsonObject>())!["outcome"]!.GetValue<string>().ShouldBe("DUPLICATE");

        var prices = await host.Client.GetFromJsonAsync<JsonArray>("products/E2E-1/prices");
        prices!.Single(p => p!["platform"]!.GetValue<string>() == "shopify")!["price"]!.GetValue<decimal>().ShouldBe(8999m);

        var staged = await host.Client.PostAsJsonAsync("products/E2E-1/changesets", new { changes = new { title = "Gibson ES-335 1964 (refinished)" }, reason = "typo" });
        staged.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await staged.Content.ReadFromJsonAsync<JsonObject>())!["review"]!["id"]!.GetValue<string>();
        (await host.Client.PostAsync($"products/E2E-1/changesets/{id}/approve", null)).EnsureSuccessStatusCode();
        (await host.Client.PostAsync($"products/E2E-1/changesets/{id}/apply", null)).EnsureSuccessStatusCode();
        (await host.Client.GetFromJsonAsync<JsonObject>("products/E2E-1"))!["version"]!.GetValue<long>().ShouldBe(2);
        var bulk = await host.Client.PostAsJsonAsync("changesets/bulk/rollback", new { items = new[] { new { sku = "E2E-1", id } } });
        (await bulk.Content.ReadFromJsonAsync<JsonArray>())![0]!["changeSet"]!["status"]!.GetValue<string>().ShouldBe("ROLLED_BACK");
        var product = await host.Client.GetFromJsonAsync<JsonObject>("products/E2E-1");
        (product!["title"]!.GetValue<string>(), product["quantity"]!.GetValue<int>()).ShouldBe(("Gibson ES-335 1964", 2));

        var whereSold = await host.Client.GetFromJsonAsync<JsonObject>("reports/where-sold?sku=E2E-1");
        whereSold!["byPlatform"]![0]!["platform"]!.GetValue<string>().ShouldBe("reverb");
        var audit = await host.Client.GetFromJsonAsync<JsonArray>("audit?sku=E2E-1&platform=reverb");
        audit!.ShouldHaveSingleItem()!["action"]!.GetValue<string>().ShouldBe("ledger.sale");
        var newest = await host.Client.GetAsync("audit?sku=E2E-1&limit=1");
        var cursor = newest.Headers.GetValues("X-Next-Cursor").Single();
        var older = await host.Client.GetFromJsonAsync<JsonArray>($"audit?sku=E2E-1&limit=1&cursor={cursor}");
        older!.ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldNotBe((await newest.Content.ReadFromJsonAsync<JsonArray>())!.Single()!["id"]!.GetValue<string>());
        (await ProblemAsync(await host.Client.GetAsync("audit?cursor=nope"), HttpStatusCode.BadRequest))["errors"]!.AsObject().ShouldContainKey("cursor");
        (await host.Client.GetFromJsonAsync<JsonArray>("products/E2E-1/ledger"))!.Count.ShouldBe(2);
        (await host.Client.GetFromJsonAsync<JsonObject>("products?q=es-335"))!["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task CsvImport_WithBadRows_Is422ListingEveryError_AndExportStreamsCsv()
    {
        await using var host = await CatalogAdminApiHost.StartAsync(azurite);
        var csv = "sku,title,base_price,quantity\nCSV-1,Good,10,1\nCSV-2,,10,1\nCSV-3,Bad,1.234,1\n";

        var problem = await ProblemAsync(await host.Client.PostAsync("import", new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.UnprocessableEntity);

        problem["rowErrors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["column"]!.GetValue<string>())).ShouldBe([(3, "title"), (4, "base_price")]);
        var byField = problem["errors"]!.AsObject();
        byField.Select(e => e.Key).ShouldBe(["title", "base_price"], ignoreOrder: true);
        byField["base_price"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>().ShouldStartWith("line 4: ");
        problem["status"]!.GetValue<int>().ShouldBe(422);
        new[] { "type", "title", "detail" }.ShouldAllBe(member => problem[member] != null);
        (await host.Client.GetAsync("products/CSV-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var applied = await host.Client.PostAsync("import?applyValidRows=true", new StringContent(csv, Encoding.UTF8, "text/csv"));
        applied.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await applied.Content.ReadFromJsonAsync<JsonObject>())!["created"]!.GetValue<int>().ShouldBe(1);

        var export = await host.Client.GetAsync("export");
        export.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[1].ShouldStartWith("CSV-1,Good");
    }
}
