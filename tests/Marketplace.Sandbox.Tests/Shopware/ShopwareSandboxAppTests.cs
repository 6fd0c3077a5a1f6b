using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Shopware.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopware;

/// <summary>
/// The sandbox as the shop side of the app system over real HTTP: <c>/_sandbox/shopware/app/install</c> registers the repository's
/// manifest with an app on loopback (its handshake done by <see cref="ShopwareAppRegistration"/>), and orders placed or cancelled
/// in the sandbox (and their payments refunded) reach the app's webhook signed with the shop secret.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShopwareSandboxAppTests : ShopwareSandboxTestBase
{
    private const string AppSecret = "sandbox-shopware-app-secret";

    [Fact]
    public async Task InstallRoute_RegistersTheApp_AndOrdersReachItsWebhookSigned()
    {
        var secrets = new InMemorySecretStore();
        await using var app = await AppServer.StartAsync(new ShopwareAppRegistration(new ShopwareAppOptions { AppSecret = AppSecret }, secrets, TimeProvider.System));
        var skus = await SeedAsync(CreateClient(), "APP", 1, stock: 2);
        using var shop = new HttpClient { BaseAddress = Server.BaseUrl };
        var manifest = await File.ReadAllTextAsync(Path.Combine(TestSupport.RepositoryPaths.Root, "functions", "Shopware", "MarketplaceSync", "manifest.xml"));

        using var install = await shop.PostAsJsonAsync("_sandbox/shopware/app/install", new { appUrl = app.BaseUrl, manifest });
        var order = await (await shop.PostAsJsonAsync("_sandbox/shopware/orders", new { sku = skus[0], quantity = 1 })).Content.ReadFromJsonAsync<JsonObject>();
        using var refund = await shop.PostAsync(new Uri($"_sandbox/shopware/orders/{order!["id"]}/transaction/refunded", UriKind.Relative), null);
        using var cancel = await shop.PostAsync(new Uri($"_sandbox/shopware/orders/{order["id"]}/cancel", UriKind.Relative), null);

        install.EnsureSuccessStatusCode();
        refund.EnsureSuccessStatusCode();
        cancel.EnsureSuccessStatusCode();
        (await secrets.GetSecretAsync(ShopwareAppRegistration.Name(Sandbox.Options.ShopId, "api-key"))).ShouldBe(Sandbox.App!.ApiKey);
        app.Received.Select(w => w.Event).ShouldBe(["checkout.order.placed", "state_enter.order_transaction.state.refunded", "state_enter.order.state.cancelled"]);
        app.Received.ShouldAllBe(w => w.Verified && w.OrderId == order["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstallRoute_ForAnAppWithAnotherSecret_FailsAsShopwareDoes_AndNoWebhookIsSent()
    {
        await using var app = await AppServer.StartAsync(new ShopwareAppRegistration(new ShopwareAppOptions { AppSecret = "another" }, new InMemorySecretStore(), TimeProvider.System));
        var skus = await SeedAsync(CreateClient(), "APX", 1);
        using var shop = new HttpClient { BaseAddress = Server.BaseUrl };
        var manifest = await File.ReadAllTextAsync(Path.Combine(TestSupport.RepositoryPaths.Root, "functions", "Shopware", "MarketplaceSync", "manifest.xml"));

        using var install = await shop.PostAsJsonAsync("_sandbox/shopware/app/install", new { appUrl = app.BaseUrl, manifest });
        using var order = await shop.PostAsJsonAsync("_sandbox/shopware/orders", new { sku = skus[0] });

        install.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await install.Content.ReadAsStringAsync()).ShouldContain("Registration refused (401)");
        Sandbox.App.ShouldBeNull();
        app.Received.ShouldBeEmpty();
    }

    private sealed record Delivery(string Event, string? OrderId, bool Verified);

    /// <summary>An app backend on loopback serving the manifest's routes with <see cref="ShopwareAppRegistration"/>.</summary>
    private sealed class AppServer : LoopbackSandboxServer
    {
        private AppServer(WebApplication app, Uri baseUrl, ConcurrentQueue<Delivery> received)
            : base(app, baseUrl) => ReceivedQueue = received;

        public IReadOnlyList<Delivery> Received => [.. ReceivedQueue];

        private ConcurrentQueue<Delivery> ReceivedQueue { get; }

        public static async Task<AppServer> StartAsync(ShopwareAppRegistration registration)
        {
            var received = new ConcurrentQueue<Delivery>();
            var (app, root) = await StartAppAsync((_, _) => { }, app =>
            {
                app.MapGet("/api/shopware/app/register", async (HttpRequest request) =>
                {
                    try
                    {
                        var confirm = new Uri($"{request.Scheme}://{request.Host}/api/shopware/app/confirm");
                        var answer = await registration.RegisterAsync(request.QueryString.Value!, request.Headers[ShopwareAppRegistration.AppSignatureHeader], confirm);
                        return Results.Json(new { proof = answer.Proof, secret = answer.Secret, confirmation_url = answer.ConfirmationUrl });
                    }
                    catch (ShopwareAppAuthenticationException)
                    {
                        return Results.StatusCode(401);
                    }
                });
                app.MapPost("/api/shopware/app/confirm", async (HttpRequest request) =>
                {
                    await registration.ConfirmAsync(await BodyAsync(request), request.Headers[ShopwareAppRegistration.ShopSignatureHeader]);
                    return Results.NoContent();
                });
                app.MapPost("/api/webhooks/shopware", async (HttpRequest request) =>
                {
                    var body = await BodyAsync(request);
                    var verified = true;
                    try
                    {
                        await registration.VerifyWebhookAsync(body, request.Headers[ShopwareAppRegistration.ShopSignatureHeader]);
                    }
                    catch (ShopwareAppAuthenticationException)
                    {
                        verified = false;
                    }

                    var json = JsonNode.Parse(body)!;
                    received.Enqueue(new Delivery(json["data"]!["event"]!.GetValue<string>(), json["data"]!["payload"]!["order"]!["id"]?.GetValue<string>(), verified));
                    return Results.StatusCode(verified ? 202 : 401);
                });
            }, CancellationToken.None);
            return new AppServer(app, root, received);
        }

        private static async Task<byte[]> BodyAsync(HttpRequest request)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }
}
