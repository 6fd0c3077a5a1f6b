extern alias sandbox;

using System.Security.Cryptography;
using System.Text;
using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Shopify;
using Marketplace.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using sandbox::Marketplace.Sandbox.Shopify;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>
/// The functions app (standalone, Azurite) wired to the in-process Shopify sandbox. The sandbox delivers its webhooks
/// to a relay on its own host (<c>/relay/api/...</c>) that forwards them unchanged (headers, body, HMAC) to the app,
/// so deliveries are the sandbox dispatcher's real signed ones. Tokens live in an <see cref="InMemorySecretStore"/>.
/// </summary>
internal sealed class ShopifyAppHarness : IAsyncDisposable
{
    public const string AppSecret = "sandbox-client-secret";
    private HttpClient? _http;

    private ShopifyAppHarness(ShopifySandboxServer sandbox, string shop)
    {
        Sandbox = sandbox;
        Shop = shop;
    }

    public ShopifySandboxServer Sandbox { get; }

    public string Shop { get; }

    public InMemorySecretStore Secrets { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public FunctionsAppFactory App { get; private set; } = null!;

    public HttpClient Http => _http ?? throw new InvalidOperationException("Not started.");

    public Dictionary<string, string?> Settings { get; private set; } = [];

    /// <summary>The app's public base URL as Shopify sees it (the relay).</summary>
    public Uri AppUrl => new(Sandbox.BaseAddress, "relay/");

    public Uri WebhookUri => new(AppUrl, "api/webhooks/shopify");

    /// <summary>
    /// Starts the sandbox and the app for a fresh shop; with <paramref name="connected"/> the shop's token is already stored,
    /// with <paramref name="worker"/> the sync worker runs orchestrations (sales).
    /// </summary>
    public static async Task<ShopifyAppHarness> StartAsync(AzuriteFixture azurite, bool connected, bool worker = false)
    {
        ShopifyAppHarness? harness = null;
        var sandbox = await ShopifySandboxServer.StartAsync(mapExtra: app => app.MapPost("/relay/api/webhooks/shopify", (HttpRequest request) => harness!.RelayAsync(request)));
        harness = new ShopifyAppHarness(sandbox, $"h{Guid.NewGuid():N}"[..14] + ".myshopify.com");
        if (connected)
        {
            var (_, token) = sandbox.Sandbox.ProvisionShop(harness.Shop);
            await harness.Secrets.SetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(harness.Shop), token);
        }

        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Webhooks:Queue"] = AzuriteFixture.UniqueName("hooks");
        settings["Webhooks:Container"] = AzuriteFixture.UniqueName("hooks");
        settings["Webhooks:DeadLetterContainer"] = AzuriteFixture.UniqueName("dead");
        settings["Sync:TaskHub"] = AzuriteFixture.UniqueName("hub");
        if (worker)
        {
            settings["Sync:WorkerEnabled"] = "true";
        }

        settings["Shopify:ShopDomain"] = harness.Shop;
        settings["Shopify:BaseAddress"] = sandbox.BaseAddress.ToString();
        settings["Shopify:WebhookSecret"] = AppSecret;
        settings["Shopify:StateContainer"] = AzuriteFixture.UniqueName("shopify");
        settings["Shopify:ClientId"] = "sandbox-client-id";
        settings["Shopify:ClientSecret"] = AppSecret;
        settings["Shopify:AppUrl"] = harness.AppUrl.ToString();
        settings["Shopify:ShopBaseAddressTemplate"] = new Uri(sandbox.BaseAddress, "shops/").ToString() + "{shop}/";
        harness.Settings = settings;
        harness.App = new FunctionsAppFactory(settings, s =>
        {
            s.AddSingleton<ISecretStore>(harness.Secrets);
            s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(harness.Logs);
        });
        harness._http = harness.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return harness;
    }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A delivery signed like Shopify (base64 HMAC-SHA256 of the raw body with the app secret).</summary>
    public static HttpRequestMessage SignedDelivery(string topic, string shop, string webhookId, byte[] body, string secret = AppSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/shopify") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(ShopifyWebhookHeaders.TopicHeader, topic);
        request.Headers.Add(ShopifyWebhookHeaders.ShopDomainHeader, shop);
        request.Headers.Add(ShopifyWebhookHeaders.WebhookIdHeader, webhookId);
        request.Headers.Add(ShopifyWebhookHeaders.ApiVersionHeader, ShopifyClientOptions.DefaultApiVersion);
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
    }

    private async Task<IResult> RelayAsync(HttpRequest request)
    {
        if (_http is null)
        {
            return Results.StatusCode(503);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        using var forward = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/shopify") { Content = new ByteArrayContent(buffer.ToArray()) };
        forward.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, values) in request.Headers.Where(h => h.Key.StartsWith("X-Shopify-", StringComparison.OrdinalIgnoreCase)))
        {
            forward.Headers.TryAddWithoutValidation(name, values.ToString());
        }

        using var response = await _http.SendAsync(forward);
        return Results.StatusCode((int)response.StatusCode);
    }
}
