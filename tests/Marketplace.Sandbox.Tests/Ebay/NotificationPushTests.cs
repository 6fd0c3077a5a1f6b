using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

/// <summary>End to end: a simulated sale in the sandbox pushes to a receiver that runs the handlers.</summary>
[Trait("Category", "Integration")]
public sealed class NotificationPushTests : EbaySandboxTestBase
{
    private const string Secret = "k3J9vQ2mX8pL5nR7tY1wZ4bC6dF0gH2j";

    [Fact]
    public async Task SimulatedSales_PushedToTheReceivers_BecomeOneSaleEventPerLine()
    {
        var ebay = CreateClient();
        var reverb = new ReverbClient(new HttpClient(), new ReverbClientOptions { AccessToken = Server.Reverb.Options.AccessToken, ApiBaseUrl = Server.BaseUrl, WebhookSecret = Secret });
        await new EbayConnector(ebay).UpsertListingAsync(Draft("PUSH-1"));
        await new ReverbConnector(reverb).UpsertListingAsync(new ListingDraft { Sku = "PUSH-2", Title = "Jazzmaster", Brand = "Fender", Model = "Jazzmaster", Price = 900m, Quantity = 1, Condition = "Good", CategoryId = "cat-1" });
        var sales = new ConcurrentBag<SaleEvent>();
        await using var receiver = await StartReceiverAsync(new EbayNotificationHandler(ebay, new EbayNotificationVerifier(ebay)), new ReverbWebhookHandler(reverb), sales);
        Sandbox.Options.NotificationDestination = new Uri(receiver.Url, "ebay/notifications");
        Server.Reverb.Options.WebhookUrl = new Uri(receiver.Url, $"reverb/webhooks/{Secret}");
        using var http = new HttpClient();

        var ebayAnswer = await http.PostAsJsonAsync(new Uri(Server.BaseUrl, "/_sandbox/ebay/orders"), new { lines = new[] { new { sku = "PUSH-1", quantity = 1, price = 1299m } } });
        var reverbAnswer = await http.PostAsJsonAsync(new Uri(Server.BaseUrl, "/_sandbox/reverb/orders"), new { sku = "PUSH-2", quantity = 1 });

        ebayAnswer.EnsureSuccessStatusCode();
        reverbAnswer.EnsureSuccessStatusCode();
        sales.Select(s => (s.Platform, s.Sku)).Order().ShouldBe([(MarketplacePlatform.Ebay, "PUSH-1"), (MarketplacePlatform.Reverb, "PUSH-2")]);
    }

    private static async Task<Receiver> StartReceiverAsync(EbayNotificationHandler ebay, ReverbWebhookHandler reverb, ConcurrentBag<SaleEvent> sales)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/ebay/notifications", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var result = await ebay.HandleAsync(buffer.ToArray(), request.Headers["X-EBAY-SIGNATURE"].FirstOrDefault());
            foreach (var sale in result.Sales)
            {
                sales.Add(sale);
            }

            return Results.StatusCode((int)result.StatusCode);
        });
        app.MapPost("/reverb/webhooks/{secret}", async (string secret, HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var result = await reverb.HandleAsync(secret, buffer.ToArray());
            foreach (var sale in result.Sales)
            {
                sales.Add(sale);
            }

            return Results.StatusCode((int)result.StatusCode);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Receiver(app, new Uri(address.TrimEnd('/') + "/"));
    }

    private sealed record Receiver(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
