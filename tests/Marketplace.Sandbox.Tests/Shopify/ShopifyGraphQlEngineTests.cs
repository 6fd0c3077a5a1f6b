using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

/// <summary>The sandbox answers GraphQL as Shopify does: what was selected, under its alias, sized as asked, or an error.</summary>
[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyGraphQlEngineTests(ShopifySandboxFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.Server.BaseAddress };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task SelectionSetAndAliases_AreHonoured()
    {
        var token = await ShopWithProductsAsync(1);

        var (response, _) = await PostAsync(token, "{ store: shop { name } p: products(first: 5) { nodes { title } } }");

        var data = response["data"]!.AsObject();
        data.Select(p => p.Key).ShouldBe(["store", "p"]);
        data["store"]!.AsObject().Select(p => p.Key).ShouldBe(["name"]);
        data["p"]!["nodes"]![0]!.AsObject().Select(p => p.Key).ShouldBe(["title"]);
    }

    [Fact]
    public async Task LiteralFirst_SizesTheConnection_WithEdgesAndNodes()
    {
        var token = await ShopWithProductsAsync(4);

        var (response, _) = await PostAsync(token, "{ products(first: 3) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } }");

        var products = response["data"]!["products"]!;
        products["edges"]!.AsArray().Count.ShouldBe(3);
        products["nodes"]!.AsArray().Count.ShouldBe(3);
        products["edges"]![2]!["cursor"]!.GetValue<string>().ShouldBe(products["pageInfo"]!["endCursor"]!.GetValue<string>());
        products["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task MissingBrace_IsASyntaxError_AndNothingRuns()
    {
        var token = await ShopWithProductsAsync(0);

        var (response, _) = await PostAsync(token, "mutation { productCreate(product: { title: \"x\" }) { product { id } }");

        response["data"].ShouldBeNull();
        response["errors"]![0]!["message"]!.GetValue<string>().ShouldStartWith("syntax error");
        fixture.Server.Sandbox.FindByToken(token)!.ProductCount.ShouldBe(0);
    }

    [Fact]
    public async Task WrongFieldName_FailsWithShopifysErrorShape()
    {
        var token = await ShopWithProductsAsync(0);

        var (response, _) = await PostAsync(token, "query products { products(first: 1) { nodes { titel } } }");

        var error = response["errors"]![0]!;
        error["message"]!.GetValue<string>().ShouldBe("Field 'titel' doesn't exist on type 'Product'");
        error["extensions"]!["code"]!.GetValue<string>().ShouldBe("undefinedField");
        error["path"]!.ToJsonString().ShouldBe("""["query products","products","nodes","titel"]""");
        error["locations"]![0]!["line"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task QueryOverAThousandPoints_IsMaxCostExceeded_NotThrottled()
    {
        var token = await ShopWithProductsAsync(0);

        var (response, _) = await PostAsync(token, "{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }");
        var (cheap, _) = await PostAsync(token, "{ shop { name } }");

        response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("MAX_COST_EXCEEDED");
        response["errors"]![0]!["extensions"]!["cost"]!.GetValue<int>().ShouldBe(2 + (250 * (1 + 2 + 250)));
        cheap["data"]!["shop"]!["name"].ShouldNotBeNull();
    }

    [Fact]
    public async Task ConnectionWithoutFirstOrLast_IsRefused()
    {
        var token = await ShopWithProductsAsync(0);

        var (response, _) = await PostAsync(token, "{ products { nodes { id } } }");

        response["errors"]![0]!["message"]!.GetValue<string>().ShouldBe("you must provide one of first or last");
    }

    [Fact]
    public async Task EveryAnswer_CarriesAnXRequestId()
    {
        var token = await ShopWithProductsAsync(0);

        var (_, ok) = await PostAsync(token, "{ shop { id } }");
        var (_, unauthorized) = await PostAsync("shpat_wrong", "{ shop { id } }");

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ok.Headers.GetValues("X-Request-Id").Single().ShouldNotBeNullOrEmpty();
        unauthorized.Headers.GetValues("X-Request-Id").Single().ShouldNotBe(ok.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task FieldsTheSandboxCannotResolve_AreNamedErrors_NeverSilentNulls()
    {
        var token = await ShopWithProductsAsync(0);

        var (root, _) = await PostAsync(token, "{ customers(first: 1) { nodes { id } } }");
        var (nested, _) = await PostAsync(token, "{ shop { name billingAddress { city } } }");

        root["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("SANDBOX_NOT_IMPLEMENTED");
        root["errors"]![0]!["message"]!.GetValue<string>().ShouldContain("QueryRoot.customers");
        nested["errors"]![0]!["message"]!.GetValue<string>().ShouldContain("Shop.billingAddress");
        nested["errors"]![0]!["path"]!.ToJsonString().ShouldBe("""["shop","billingAddress"]""");
    }

    [Fact]
    public async Task ProductCreate_ThenNodeNodesAndVariables_ReadItBack()
    {
        var token = await ShopWithProductsAsync(0);

        var (created, _) = await PostAsync(token, "mutation($p: ProductCreateInput!) { productCreate(product: $p) { product { id title variants(first: 1) { nodes { id } } } userErrors { field message } } }", new JsonObject { ["p"] = new JsonObject { ["title"] = "Telecaster", ["status"] = "DRAFT" } });
        var id = created["data"]!["productCreate"]!["product"]!["id"]!.GetValue<string>();
        var (node, _) = await PostAsync(token, "query($id: ID!) { node(id: $id) { __typename ... on Product { title status } } nodes(ids: [$id, \"gid://shopify/Product/1\"]) { id } }", new JsonObject { ["id"] = id });

        created["data"]!["productCreate"]!["product"]!["variants"]!["nodes"]!.AsArray().Count.ShouldBe(1);
        node["data"]!["node"]!.ToJsonString().ShouldBe("""{"__typename":"Product","title":"Telecaster","status":"DRAFT"}""");
        node["data"]!["nodes"]!.ToJsonString().ShouldBe($$"""[{"id":"{{id}}"},null]""");
    }

    [Fact]
    public async Task VariableOfTheWrongType_IsRefusedBeforeAnythingRuns()
    {
        var token = await ShopWithProductsAsync(0);

        var (response, _) = await PostAsync(token, "mutation($p: ProductCreateInput!) { productCreate(product: $p) { product { id } } }", new JsonObject { ["p"] = new JsonObject { ["title"] = "x", ["status"] = "SOLD" } });

        response["data"].ShouldBeNull();
        response["errors"]![0]!["message"]!.GetValue<string>().ShouldContain("$p");
        fixture.Server.Sandbox.FindByToken(token)!.ProductCount.ShouldBe(0);
    }

    private async Task<string> ShopWithProductsAsync(int count)
    {
        var (client, shop) = fixture.NewShop();
        for (var i = 0; i < count; i++)
        {
            await client.SetProductAsync(ShopifySandboxFixture.Draft(i));
        }

        return fixture.Server.Sandbox.ProvisionShop(shop.Domain).AccessToken;
    }

    private async Task<(JsonObject Body, HttpResponseMessage Response)> PostAsync(string token, string query, JsonObject? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/api/2026-10/graphql.json")
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables }),
        };
        request.Headers.Add("X-Shopify-Access-Token", token);
        var response = await _http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
        return (body, response);
    }
}
