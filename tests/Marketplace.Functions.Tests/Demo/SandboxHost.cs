extern alias sandbox;

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SandboxProgram = sandbox::Marketplace.Sandbox.SandboxProgram;

namespace Marketplace.Functions.Tests.Demo;

/// <summary>The sandbox executable's host (<c>SandboxProgram.Build</c>) in-process on a free loopback port given through <c>Sandbox:Urls</c>.</summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    public const string ShopDomain = "demo-shop.myshopify.com";
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<SandboxHost> StartAsync()
    {
        var app = SandboxProgram.Build(["--Sandbox:Urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A Shopify access token for <see cref="ShopDomain"/> through the sandbox's OAuth endpoints, as scripts/run.sh gets it.</summary>
    public async Task<string> ShopifyTokenAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
        using var authorize = await http.GetAsync($"admin/oauth/authorize?client_id=sandbox-client-id&shop={ShopDomain}&scope=write_products&redirect_uri=http://127.0.0.1/callback&state=demo");
        authorize.StatusCode.ShouldBeRedirect();
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"];
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "sandbox-client-id", ["client_secret"] = "sandbox-client-secret", ["code"] = code!,
        });
        using var exchange = await http.PostAsync("admin/oauth/access_token", form);
        exchange.EnsureSuccessStatusCode();
        return JsonNode.Parse(await exchange.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    /// <summary>App settings pointing Shopify, eBay and Reverb at this sandbox with the credentials it accepts.</summary>
    public async Task<Dictionary<string, string?>> PlatformSettingsAsync() => new()
    {
        ["Shopify:ShopDomain"] = ShopDomain,
        ["Shopify:BaseAddress"] = new Uri(BaseUrl, $"shops/{ShopDomain}/").ToString(),
        ["Shopify:WebhookSecret"] = "sandbox-client-secret",
        ["shopify:demo-shop-myshopify-com:access-token"] = await ShopifyTokenAsync(),
        ["Ebay:ClientId"] = "sandbox-client-id",
        ["Ebay:ClientSecret"] = "sandbox-client-secret",
        ["Ebay:RefreshToken"] = "sandbox-refresh-token",
        ["Ebay:ApiBaseUrl"] = BaseUrl.ToString(),
        ["Ebay:IdentityBaseUrl"] = BaseUrl.ToString(),
        ["Ebay:MerchantLocationKey"] = "demo-warehouse",
        ["Reverb:AccessToken"] = "sandbox-reverb-token",
        ["Reverb:ApiBaseUrl"] = BaseUrl.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class RedirectAssertions
{
    public static void ShouldBeRedirect(this HttpStatusCode status) =>
        ((int)status).ShouldBeInRange(300, 399);
}
