extern alias sandbox;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Marketplace.Dashboard.Tests.Support;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Marketplaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using ReverbSandboxState = sandbox::Marketplace.Sandbox.Reverb.ReverbSandboxState;
using SandboxFaultKinds = sandbox::Marketplace.Sandbox.Ebay.SandboxFaultKinds;

namespace Marketplace.Dashboard.Tests;

/// <summary>Live updates over server-sent events, poison-queue messages, and each platform's rate-limit headroom.</summary>
[Trait("Category", "Integration")]
[Collection(DashboardCollection.Name)]
public sealed class DashboardLiveTests(DashboardApp app)
{
    [Fact]
    public async Task ASale_AppearsInTheSalesFeed_WithoutReload_OverTheEventStream()
    {
        var product = await app.CreateProductAsync("LIVE");
        await app.ListOnReverbAsync(product);
        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Sales" }).First.ClickAsync();
        await page.Locator("[data-page=sales][data-loaded=true]").WaitForAsync();
        await page.Locator("body[data-live=stream]").WaitForAsync();
        await page.EvaluateAsync("window.notReloaded = true");
        await Assertions.Expect(page.Locator("#sales-feed")).Not.ToContainTextAsync(product.Sku);

        var order = await app.SellOnReverbAsync(product.Sku);
        await app.Get<IWebhookInbox>().AcceptAsync(new WebhookDelivery(Guid.NewGuid().ToString("N"), "reverb",
            new Dictionary<string, string[]> { ["Content-Type"] = ["application/json"] }, Encoding.UTF8.GetBytes($"{{\"order_number\":\"{order}\"}}"), DateTimeOffset.UtcNow), null, CancellationToken.None);

        await Assertions.Expect(page.Locator("#sales-feed")).ToContainTextAsync(product.Sku, new() { Timeout = 60_000 });
        (await page.EvaluateAsync<bool>("window.notReloaded === true")).ShouldBeTrue();
        (await page.EvaluateAsync<string>("document.body.dataset.live")).ShouldBe("stream");
        await page.CloseAsync();
    }

    [Fact]
    public async Task PoisonMessages_AreListedWithTheirBody_AndCanBeRequeuedOrDiscarded()
    {
        var source = app.Get<IOptions<WebhookOptions>>().Value.Queue;
        var poison = app.Get<QueueServiceClient>().GetQueueClient(source + "-poison");
        await poison.CreateIfNotExistsAsync();
        var (requeueMarker, discardMarker) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var requeued = (await poison.SendMessageAsync($"{{\"poisoned\":\"{requeueMarker}\"}}")).Value.MessageId;
        var discarded = (await poison.SendMessageAsync($"{{\"poisoned\":\"{discardMarker}\"}}")).Value.MessageId;

        var page = await app.SignedInPageAsync();
        await page.Locator("#nav a", new() { HasTextString = "Dead letters" }).First.ClickAsync();
        await Assertions.Expect(page.Locator($"[data-poison-body='{requeued}']")).ToHaveTextAsync($"{{\"poisoned\":\"{requeueMarker}\"}}");
        await DashboardApp.ScreenshotAsync(page, "deadletters-poison");
        await page.Locator($"[data-poison='{requeued}'] [data-action=requeue]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-poison='{requeued}']")).ToHaveCountAsync(0);
        await page.Locator($"[data-poison='{discarded}'] [data-action=discard]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-poison='{discarded}']")).ToHaveCountAsync(0);
        await page.CloseAsync();

        var left = (await poison.PeekMessagesAsync(32)).Value.Select(m => m.MessageId).ToList();
        left.ShouldNotContain(requeued);
        left.ShouldNotContain(discarded);
    }

    [Fact]
    public async Task PoisonActions_AnswerProblemDetails_ForAnUnknownQueue_AndARequeueOfBlobReports()
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        http.DefaultRequestHeaders.Add("x-functions-key", DashboardApp.AdminKey);

        using var unknown = await http.PostAsJsonAsync("api/admin/dashboard/poison/requeue", new { queue = "nope-poison", ids = new[] { "1" } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["field"]!.GetValue<string>().ShouldBe("queue");

        using var blobReport = await http.PostAsJsonAsync("api/admin/dashboard/poison/requeue", new { queue = "webjobs-blobtrigger-poison", ids = new[] { "1" } });
        blobReport.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using var empty = await http.PostAsJsonAsync("api/admin/dashboard/poison/discard", new { queue = "webjobs-blobtrigger-poison", ids = Array.Empty<string>() });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        empty.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task TheOverview_ShowsTheEbayCallQuota_AndReverbThrottling()
    {
        var faults = app.SandboxServices.GetRequiredService<ReverbSandboxState>().Options.Faults;
        (faults.FaultRate, faults.Faults) = (1, SandboxFaultKinds.RateLimit);
        try
        {
            var reverb = app.Services.GetServices<IMarketplaceConnector>().Single(c => c.Platform == MarketplacePlatform.Reverb);
            await reverb.FindListingAsync("THROTTLED-" + Guid.NewGuid().ToString("N")[..8]);
        }
        finally
        {
            (faults.FaultRate, faults.Faults) = (0, SandboxFaultKinds.All);
        }

        var page = await app.SignedInPageAsync();
        var ebay = page.Locator("[data-page=overview] tr", new() { HasText = "ebay" }).First;
        await Assertions.Expect(ebay).ToContainTextAsync("of 100000 calls left (sell.");
        var reverbRow = page.Locator("[data-page=overview] tr", new() { HasText = "reverb" }).First;
        await Assertions.Expect(reverbRow).ToContainTextAsync("Retry-After 1 s");
        await page.CloseAsync();
    }
}
