using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

/// <summary>The sandboxes answer with the platforms' own shapes (raw HTTP, no client).</summary>
[Trait("Category", "Integration")]
public sealed class SandboxWireShapeTests : EbaySandboxTestBase
{
    private readonly HttpClient _http = new();

    [Fact]
    public async Task Ebay_WithoutToken_Answers401WithErrorEnvelope()
    {
        using var response = await _http.GetAsync(new Uri(Server.BaseUrl, "/sell/inventory/v1/offer?sku=X"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        error["errorId"]!.GetValue<int>().ShouldBe(1001);
        error["domain"]!.GetValue<string>().ShouldBe("OAuth");
    }

    [Fact]
    public async Task Ebay_TokenEndpoint_MintsUserTokenFromRefreshToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseUrl, "/identity/v1/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = Sandbox.Options.RefreshToken, ["scope"] = "https://api.ebay.com/oauth/api_scope/sell.inventory" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Sandbox.Options.ClientId}:{Sandbox.Options.ClientSecret}")));

        using var response = await _http.SendAsync(request);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["token_type"]!.GetValue<string>().ShouldBe("User Access Token");
        body["expires_in"]!.GetValue<int>().ShouldBe(7200);
        body["access_token"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Ebay_DailyQuota_Answers429WithoutRetryAfter()
    {
        Sandbox.Options.DailyCallLimit = 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.BaseUrl, "/sell/inventory/v1/offer?sku=X"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.MintToken());

        using var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.ShouldBeNull();
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["errorId"]!.GetValue<int>().ShouldBe(2001);
    }

    [Theory]
    [InlineData("Bearer sandbox-reverb-token", null, HttpStatusCode.BadRequest)]
    [InlineData(null, "3.0", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer sandbox-reverb-token", "3.0", HttpStatusCode.OK)]
    public async Task Reverb_RequiresBearerTokenAndAcceptVersion_AndAnswersHalJson(string? authorization, string? version, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.BaseUrl, "/api/my/listings?sku=X&state=all"));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("Accept-Version", version);

        using var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(expected);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/hal+json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync()).ShouldBeOfType<JsonObject>();
    }
}
