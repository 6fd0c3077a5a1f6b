using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Functions.Catalog;
using Marketplace.Functions.Photos;
using Marketplace.Functions.Tests.Support;
using Marketplace.Functions.Timers;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Protocol;

/// <summary>
/// Posts the payloads Microsoft documents for custom handlers (functions-custom-handlers: request and response
/// payloads) to <c>/{FunctionName}</c> and checks the <c>{Outputs, Logs, ReturnValue}</c> answers.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CustomHandlerContractTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string QueueName = "messages-incoming";
    private readonly AzuriteFixture _azurite;
    private readonly QueueProbe _queue = new();
    private readonly ReconciliationRecorder _reconciliation = new();
    private readonly PhotoRecorder _photos = new();
    private FunctionsAppFactory _app = null!;
    private HttpClient _client = null!;

    public CustomHandlerContractTests(AzuriteFixture azurite) => _azurite = azurite;

    public Task InitializeAsync()
    {
        _app = new FunctionsAppFactory(FunctionsAppFactory.CustomHandlerSettings(_azurite.ConnectionString), services =>
        {
            services.AddSingleton(_queue);
            services.AddQueueFunction<ProbeQueueHandler>(QueueName);
            services.AddSingleton<IReconciliationStarter>(_reconciliation);
            services.AddSingleton<IPhotoPipeline>(_photos);
            services.AddSingleton(TestWebhooks.Verifier());
        });
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonObject Body)> InvokeAsync(string function, string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/" + function, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    [Fact]
    public async Task QueueTrigger_DocumentedPayload_DeliversTextAndMetadata_AndAnswersOutputsLogsReturnValue()
    {
        // The request payload example of the custom-handlers article, verbatim.
        const string payload = """
            {
              "Data": { "myQueueItem": "{ message: \"Message sent\" }" },
              "Metadata": {
                "DequeueCount": 1,
                "ExpirationTime": "2019-10-16T17:58:31+00:00",
                "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
                "InsertionTime": "2019-10-09T17:58:31+00:00",
                "NextVisibleTime": "2019-10-09T18:08:32+00:00",
                "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
                "sys": { "MethodName": "QueueTrigger", "UtcNow": "2019-10-09T17:58:32.2205399Z", "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" }
              }
            }
            """;

        // Our queue binding is named "message"; the article's is "myQueueItem".
        var (status, body) = await InvokeAsync("Queue-" + QueueName, payload.Replace("myQueueItem", "message", StringComparison.Ordinal));

        status.ShouldBe(HttpStatusCode.OK);
        body.ContainsKey("Outputs").ShouldBeTrue();
        body["Logs"].ShouldBeOfType<JsonArray>();
        body.ContainsKey("ReturnValue").ShouldBeTrue();
        body["ReturnValue"].ShouldBeNull();
        _queue.Received.TryDequeue(out var message).ShouldBeTrue();
        message.Text.ShouldBe("{ message: \"Message sent\" }");
        message.DequeueCount.ShouldBe(1);
        message.Id.ShouldBe("800ae4b3-bdd2-4c08-badd-f08e5a34b865");
        message.PopReceipt.ShouldBe("AgAAAAMAAAAAAAAAAgtnj8x+1QE=");
        message.InsertionTime.ShouldBe(DateTimeOffset.Parse("2019-10-09T17:58:31+00:00", System.Globalization.CultureInfo.InvariantCulture));
        message.ExpirationTime.ShouldBe(DateTimeOffset.Parse("2019-10-16T17:58:31+00:00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task QueueTrigger_WhenTheHandlerThrows_Answers500WithAnError_SoTheHostRetries()
    {
        _queue.Fail = true;
        var (status, body) = await InvokeAsync("Queue-" + QueueName, """{"Data":{"message":"boom"},"Metadata":{"DequeueCount":2,"Id":"x"}}""");

        status.ShouldBe(HttpStatusCode.InternalServerError);
        body["Error"]!["Message"]!.GetValue<string>().ShouldContain("failed on purpose");
        body["Logs"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task TimerTrigger_HostTimerInfo_StartsReconciliation_FlaggedPastDue()
    {
        const string payload = """
            {
              "Data": { "timer": { "Schedule": { "AdjustForDST": true },
                "ScheduleStatus": { "Last": "2026-11-21T03:00:00+00:00", "Next": "2026-11-21T04:00:00+00:00", "LastUpdated": "2026-11-21T03:00:00.1+00:00" },
                "IsPastDue": true } },
              "Metadata": { "sys": { "MethodName": "ReconciliationTimer", "UtcNow": "2026-11-21T04:20:00Z", "RandGuid": "0b0c4a55-4d1e-4c1a-9d0e-7c5c3f7f9a10" } }
            }
            """;

        var (status, _) = await InvokeAsync("ReconciliationTimer", payload);

        status.ShouldBe(HttpStatusCode.OK);
        _reconciliation.Requests.TryDequeue(out var request).ShouldBeTrue();
        request.IsPastDue.ShouldBeTrue();
        request.Reason.ShouldBe("timer");
        request.ScheduledFor.ShouldBe(DateTimeOffset.Parse("2026-11-21T04:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task BlobTrigger_Base64Content_ReachesThePhotoPipelineAsBytes()
    {
        var bytes = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46 };
        var payload = JsonSerializer.Serialize(new
        {
            Data = new { blob = Convert.ToBase64String(bytes) },
            Metadata = new
            {
                BlobTrigger = "photos/guitar-123.jpg",
                name = "guitar-123.jpg",
                Uri = "http://127.0.0.1:10000/devstoreaccount1/photos/guitar-123.jpg",
                Properties = new { ETag = "\"0x8DC1234567890AB\"", Length = bytes.Length, ContentType = "image/jpeg" },
            },
        });

        var (status, _) = await InvokeAsync("PhotoArrived", payload);

        status.ShouldBe(HttpStatusCode.OK);
        _photos.Photos.TryDequeue(out var photo).ShouldBeTrue();
        photo.Name.ShouldBe("guitar-123.jpg");
        photo.Content.ToArray().ShouldBe(bytes);
        photo.ETag.ShouldBe("\"0x8DC1234567890AB\"");
    }

    [Fact]
    public async Task BlobTrigger_ContentThatIsNotBase64_Answers400()
    {
        var (status, body) = await InvokeAsync("PhotoArrived", """{"Data":{"blob":"not base64!"},"Metadata":{"BlobTrigger":"photos/a.jpg"}}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["Error"]!["Message"]!.GetValue<string>().ShouldContain("base64");
    }

    [Fact]
    public async Task HttpTrigger_DocumentedRequestObject_WithoutKey_AnswersRes401()
    {
        // The HTTP request object of the article's "order" example (Query sent as the string "{}").
        const string payload = """
            { "Data": { "req": { "Url": "http://localhost:7071/api/admin/status", "Method": "GET", "Query": "{}",
              "Headers": { "Content-Type": [ "application/json" ] }, "Params": {}, "Body": null, "Identities": [] } },
              "Metadata": {} }
            """;

        var (status, body) = await InvokeAsync("AdminStatus", payload);

        status.ShouldBe(HttpStatusCode.OK);
        body["Outputs"]!["res"]!["statusCode"]!.GetValue<int>().ShouldBe(401);
    }

    [Fact]
    public async Task HttpTrigger_WithTheKeyHeader_AnswersResWithStatusHeadersAndBody()
    {
        var payload = JsonSerializer.Serialize(new
        {
            Data = new
            {
                req = new
                {
                    Url = "http://localhost:7071/api/admin/status",
                    Method = "GET",
                    Query = new { },
                    Headers = new Dictionary<string, string[]> { ["x-functions-key"] = [FunctionsAppFactory.AdminKey] },
                    Params = new { },
                    Body = (string?)null,
                },
            },
            Metadata = new { },
        });

        var (status, body) = await InvokeAsync("AdminStatus", payload);

        status.ShouldBe(HttpStatusCode.OK);
        var res = body["Outputs"]!["res"]!;
        res["statusCode"]!.GetValue<int>().ShouldBe(200);
        res["headers"]!["Content-Type"]!.GetValue<string>().ShouldStartWith("application/json");
        JsonNode.Parse(res["body"]!.GetValue<string>())!["mode"]!.GetValue<string>().ShouldBe("custom-handler");
    }

    [Fact]
    public async Task HttpTrigger_SignedWebhookInTheRequestObject_IsVerifiedOverBodyAndAnswered202()
    {
        const string body = """{"id":7,"topic":"orders/paid"}""";
        var payload = JsonSerializer.Serialize(new
        {
            Data = new
            {
                req = new
                {
                    Url = "http://localhost:7071/api/webhooks/testshop",
                    Method = "POST",
                    Query = "{}",
                    Headers = new Dictionary<string, string[]>
                    {
                        ["Content-Type"] = ["application/json"],
                        [TestWebhooks.Header] = [TestWebhooks.Sign(Encoding.UTF8.GetBytes(body))],
                    },
                    Params = new { platform = TestWebhooks.Platform },
                    Body = body,
                },
            },
            Metadata = new { },
        });

        var (status, response) = await InvokeAsync("Webhook", payload);

        status.ShouldBe(HttpStatusCode.OK);
        response["Outputs"]!["res"]!["statusCode"]!.GetValue<int>().ShouldBe(202);
    }

    [Fact]
    public async Task UnknownFunction_Answers404()
    {
        using var response = await _client.PostAsJsonAsync("/NoSuchFunction", new { Data = new { }, Metadata = new { } });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PayloadWithoutTheTriggerValue_Answers400NamingIt()
    {
        var (status, body) = await InvokeAsync("ReconciliationTimer", """{"Data":{},"Metadata":{}}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["Error"]!["Message"]!.GetValue<string>().ShouldContain("'timer'");
    }
}
