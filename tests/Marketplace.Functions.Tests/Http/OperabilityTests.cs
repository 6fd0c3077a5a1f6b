using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Functions.Tests.Support;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Http;

[Trait("Category", "Integration")]
public sealed class OperabilityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Health_ReportsStorageQueuesAndEachPlatform()
    {
        await using var app = new FunctionsAppFactory(
            FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false),
            s => s.AddSingleton(TestWebhooks.Verifier()));
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["status"]!.GetValue<string>().ShouldBe("healthy");
        body["storage"]!["blob"]!["reachable"]!.GetValue<bool>().ShouldBeTrue();
        body["storage"]!["table"]!["reachable"]!.GetValue<bool>().ShouldBeTrue();
        body["queues"]!["webhooks-incoming"]!["reachable"]!.GetValue<bool>().ShouldBeTrue();
        body["platforms"]![TestWebhooks.Platform]!["configured"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Health_WhenStorageIsDown_Is503()
    {
        var settings = FunctionsAppFactory.StandaloneSettings(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Marketplace.Shared.Storage.StorageAccount.DevelopmentAccountKey +
            ";BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            "unused",
            triggers: false);
        await using var app = new FunctionsAppFactory(settings);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/health");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task ConfiguredKeyAndSecret_NeverAppearInLogs()
    {
        var capture = new CapturingLoggerProvider();
        await using var app = new FunctionsAppFactory(
            FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false),
            s =>
            {
                s.AddSingleton(TestWebhooks.Verifier());
                s.AddSingleton<ILoggerProvider>(capture);
            });
        using var client = app.CreateClient();
        var body = Encoding.UTF8.GetBytes("""{"order":1}""");

        (await client.GetAsync("/api/admin/status?code=" + Uri.EscapeDataString(FunctionsAppFactory.AdminKey))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var keyed = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard"))
        {
            keyed.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
            (await client.SendAsync(keyed)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await client.GetAsync("/api/admin/status?code=" + Uri.EscapeDataString(FunctionsAppFactory.AdminKey + "x"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.SendAsync(TestWebhooks.Request(body, TestWebhooks.Sign(body)))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.SendAsync(TestWebhooks.Request(body, "sha256=00"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var logged = capture.AllText;
        logged.ShouldNotBeEmpty();
        logged.ShouldContain("Webhook"); // the capture sees the app's own logs
        logged.ShouldNotContain(FunctionsAppFactory.AdminKey);
        logged.ShouldNotContain(Uri.EscapeDataString(FunctionsAppFactory.AdminKey));
        logged.ShouldNotContain(TestWebhooks.Secret);
        logged.ShouldNotContain(Marketplace.Shared.Storage.StorageAccount.DevelopmentAccountKey);
    }
}
