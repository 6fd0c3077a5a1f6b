using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopware;

/// <summary>The sandbox answers in the shapes of Shopware's published examples (Fixtures/, copied from the shared samples).</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareContractTests : ShopwareSandboxTestBase
{
    [Theory]
    [InlineData("shopware_sync_upsert_request.sample-http.json")]
    [InlineData("shopware_sync_delete_request.sample-http.json")]
    public async Task SyncSamples_AreAccepted_AndAnsweredInTheDocumentedShape(string sample)
    {
        var request = Fixture(sample);
        using var http = await AuthorizedAsync("application/json");

        using var response = await http.PostAsync("api/_action/sync", JsonContent.Create(request["body"]));

        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Keys(body).ShouldBe(Keys(Fixture("shopware_sync_upsert_response.json")));
        if (sample.Contains("upsert", StringComparison.Ordinal))
        {
            var data = body["data"]!.AsObject();
            foreach (var entity in new[] { "tax", "category", "country" })
            {
                data[entity]!.AsArray().Count.ShouldBe(2, entity);
            }
        }
    }

    [Fact]
    public async Task ProductList_IsJsonApiByDefault_AndPlainJsonOnRequest_LikeTheSamples()
    {
        await SeedAsync(CreateClient(), "LIST", 3);
        using var jsonApi = await AuthorizedAsync(null);
        using var json = await AuthorizedAsync("application/json");

        var apiBody = (await jsonApi.GetFromJsonAsync<JsonObject>("api/product?limit=1"))!;
        var plainBody = (await json.GetFromJsonAsync<JsonObject>("api/product?limit=1"))!;

        var apiSample = Fixture("shopware_admin_api_product_list_response.jsonapi.jsonc");
        Keys(apiBody).ShouldBe(Keys(apiSample));
        Keys(apiBody["data"]![0]!.AsObject()).ShouldBe(Keys(apiSample["data"]![0]!.AsObject()));
        Keys(apiBody["links"]!.AsObject()).ShouldBe(Keys(apiSample["links"]!.AsObject()));
        Keys(apiBody["meta"]!.AsObject()).ShouldBe(Keys(apiSample["meta"]!.AsObject()));
        apiBody["meta"]!["total"]!.GetValue<int>().ShouldBe(3);
        Keys(plainBody).ShouldBe(Keys(Fixture("shopware_admin_api_product_list_response.application-json.jsonc")));
        plainBody["data"]!.AsArray().ShouldHaveSingleItem()!["productNumber"]!.GetValue<string>().ShouldStartWith("LIST-");
    }

    [Fact]
    public async Task SearchWithIncludes_ReturnsOnlyThoseFields_LikeTheSample()
    {
        await SeedAsync(CreateClient(), "INC", 2);
        using var http = await AuthorizedAsync("application/json");

        using var response = await http.PostAsJsonAsync("api/search/product", new JsonObject
        {
            ["includes"] = new JsonObject { ["product"] = new JsonArray("name", "id") }, ["total-count-mode"] = 1,
        });

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var sample = Fixture("shopware_search_product_includes_response.json");
        Keys(body).Where(k => k != "aggregations").ShouldBe(Keys(sample));
        Keys(body["data"]![0]!.AsObject()).ShouldBe(Keys(sample["data"]![0]!.AsObject()));
        body["total"]!.GetValue<int>().ShouldBe(2);
    }

    private async Task<HttpClient> AuthorizedAsync(string? accept)
    {
        var http = new HttpClient { BaseAddress = Server.BaseUrl };
        using var token = await http.PostAsJsonAsync("api/oauth/token", new { grant_type = "client_credentials", client_id = Sandbox.Options.ClientId, client_secret = Sandbox.Options.ClientSecret });
        var grant = (await token.Content.ReadFromJsonAsync<JsonObject>())!;
        grant["token_type"]!.GetValue<string>().ShouldBe("Bearer");
        grant["expires_in"]!.GetValue<int>().ShouldBe(600);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", grant["access_token"]!.GetValue<string>());
        if (accept is not null)
        {
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return http;
    }

    private static IReadOnlyList<string> Keys(JsonObject node) => [.. node.Select(p => p.Key).Order(StringComparer.Ordinal)];
}
