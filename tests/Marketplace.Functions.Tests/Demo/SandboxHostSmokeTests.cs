using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Demo;

/// <summary>The sandbox executable's host, as scripts/run.sh starts it, answers for every platform on one configured port.</summary>
[Trait("Category", "Integration")]
public sealed class SandboxHostSmokeTests
{
    [Fact]
    public async Task SandboxHost_OnTheConfiguredPort_AnswersForShopifyEbayAndReverb()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.BaseUrl };

        (await http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var shopifyToken = await sandbox.ShopifyTokenAsync();
        using var graphQl = new HttpRequestMessage(HttpMethod.Post, $"shops/{SandboxHost.ShopDomain}/admin/api/2026-10/graphql.json")
        {
            Content = new StringContent("""{"query":"{ products(first: 1) { edges { node { id } } } }"}""", Encoding.UTF8, "application/json"),
        };
        graphQl.Headers.Add("X-Shopify-Access-Token", shopifyToken);
        using var shop = await http.SendAsync(graphQl);
        shop.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await shop.Content.ReadAsStringAsync()).ShouldContain("\"products\"");

        using var ebayToken = new HttpRequestMessage(HttpMethod.Post, "identity/v1/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "sandbox-refresh-token" }),
        };
        ebayToken.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-client-id:sandbox-client-secret")));
        using var ebay = await http.SendAsync(ebayToken);
        ebay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ebay.Content.ReadAsStringAsync()).ShouldContain("access_token");

        using var reverbListings = new HttpRequestMessage(HttpMethod.Get, "api/my/listings");
        reverbListings.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-reverb-token");
        reverbListings.Headers.Add("Accept-Version", "3.0");
        (await http.SendAsync(reverbListings)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
