using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Marketplace.Functions.Storage;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Functions.Tests.Support;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Http;

[Trait("Category", "Integration")]
public sealed class WebhookTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly AzuriteFixture _azurite;
    private readonly string _queue = AzuriteFixture.UniqueName("webhooks");
    private readonly string _container = AzuriteFixture.UniqueName("webhooks");
    private readonly string _deadLetter = AzuriteFixture.UniqueName("deadletter");
    private FunctionsAppFactory _app = null!;
    private HttpClient _client = null!;

    public WebhookTests(AzuriteFixture azurite) => _azurite = azurite;

    public Task InitializeAsync()
    {
        var settings = FunctionsAppFactory.StandaloneSettings(_azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false);
        settings["Webhooks:Queue"] = _queue;
        settings["Webhooks:Container"] = _container;
        settings["Webhooks:DeadLetterContainer"] = _deadLetter;
        _app = new FunctionsAppFactory(settings, s => s.AddSingleton(TestWebhooks.Verifier()));
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignedWebhook_Is202_AndStoredInTheQueueAndABlobWithItsExactBody()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":42,"event":"order.paid","note":"ümlaut  spacing kept"}""");
        using var request = TestWebhooks.Request(body, TestWebhooks.Sign(body));
        request.Headers.Add("X-Test-Event-Id", "evt-42");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        // On the wire the message is base64 of the UTF-8 JSON, what a Functions queue trigger decodes by default.
        var raw = (await Queue(QueueMessageEncoding.None).PeekMessagesAsync(32)).Value.ShouldHaveSingleItem();
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(raw.Body.ToString()));
        (await Queue().ReceiveMessagesAsync(32)).Value.ShouldHaveSingleItem().Body.ToString().ShouldBe(text);
        var envelope = JsonSerializer.Deserialize<WebhookQueueMessage>(text, Json)!.Deliveries.ShouldHaveSingleItem();
        envelope.Platform.ShouldBe(TestWebhooks.Platform);
        envelope.EventId.ShouldBe("evt-42");
        Convert.FromBase64String(envelope.BodyBase64!).ShouldBe(body);
        envelope.Headers![TestWebhooks.Header].ShouldBe([TestWebhooks.Sign(body)]);
        var blobPath = envelope.Blob!.Split('/', 2);
        var stored = await Blobs().GetBlobContainerClient(blobPath[0]).GetBlobClient(blobPath[1]).DownloadContentAsync();
        var archived = stored.Value.Content.ToObjectFromJson<List<WebhookEnvelope>>(Json)!.Single(e => e.Id == envelope.Id);
        Convert.FromBase64String(archived.BodyBase64!).ShouldBe(body);
    }

    [Fact]
    public async Task ConcurrentSignedWebhooks_AreAllQueued_InBatchedMessages()
    {
        var bodies = Enumerable.Range(0, 50).Select(i => Encoding.UTF8.GetBytes($"{{\"n\":{i}}}")).ToList();
        var responses = await Task.WhenAll(bodies.Select(b => _client.SendAsync(TestWebhooks.Request(b, TestWebhooks.Sign(b)))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Accepted);
        var queue = Queue();
        var found = new List<string>();
        for (var batch = (await queue.ReceiveMessagesAsync(32)).Value; batch.Length > 0; batch = (await queue.ReceiveMessagesAsync(32)).Value)
        {
            found.AddRange(batch.SelectMany(m => JsonSerializer.Deserialize<WebhookQueueMessage>(m.Body.ToString(), Json)!.Deliveries)
                .Select(d => Encoding.UTF8.GetString(Convert.FromBase64String(d.BodyBase64!))));
        }

        found.Order().ShouldBe(bodies.Select(Encoding.UTF8.GetString).Order());
    }

    [Fact]
    public async Task LargeSignedWebhook_IsQueuedAsAReferenceToItsBlob()
    {
        var body = Encoding.UTF8.GetBytes("{\"items\":\"" + new string('x', 40_000) + "\"}");
        using var response = await _client.SendAsync(TestWebhooks.Request(body, TestWebhooks.Sign(body)));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var message = (await Queue().ReceiveMessagesAsync(1)).Value.Single();
        var envelope = JsonSerializer.Deserialize<WebhookQueueMessage>(message.Body.ToString(), Json)!.Deliveries.ShouldHaveSingleItem();
        envelope.BodyBase64.ShouldBeNull();
        var blobPath = envelope.Blob!.Split('/', 2);
        var stored = await Blobs().GetBlobContainerClient(blobPath[0]).GetBlobClient(blobPath[1]).DownloadContentAsync();
        Convert.FromBase64String(stored.Value.Content.ToObjectFromJson<WebhookEnvelope>(Json)!.BodyBase64!).ShouldBe(body);
    }

    [Fact]
    public async Task WrongSignature_Is401_AndDeadLetteredWithTheRawBody()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":43}""");
        using var response = await _client.SendAsync(TestWebhooks.Request(body, TestWebhooks.Sign(Encoding.UTF8.GetBytes("other"))));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var dead = await DeadLettersAsync();
        dead.Count.ShouldBe(1);
        Convert.FromBase64String(dead[0].BodyBase64!).ShouldBe(body);
        dead[0].Reason!.ShouldContain("does not match");
        (await QueuedCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task MissingSignature_Is401_AndDeadLettered()
    {
        using var response = await _client.SendAsync(TestWebhooks.Request("{}"u8.ToArray(), signature: null));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DeadLettersAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task UnreadableSignature_Is400_AndDeadLettered()
    {
        using var response = await _client.SendAsync(TestWebhooks.Request("{}"u8.ToArray(), "sha256=not-hex"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DeadLettersAsync()).Single().Reason!.ShouldContain("not hex");
    }

    [Theory]
    [InlineData("/api/webhooks/ebay", HttpStatusCode.Unauthorized, "ebay")]
    [InlineData("/api/webhooks/reverb/not-the-secret", HttpStatusCode.NotFound, "reverb")]
    public async Task RejectedEbayOrReverbWebhook_IsDeadLetteredWithItsRawBody_AndAudited(string path, HttpStatusCode status, string platform)
    {
        var body = Encoding.UTF8.GetBytes("""{"notification":{"data":{"orderId":"forged"}}}""");

        using var response = await _client.PostAsync(path, new ByteArrayContent(body));

        response.StatusCode.ShouldBe(status);
        var dead = (await DeadLettersAsync()).ShouldHaveSingleItem();
        Convert.FromBase64String(dead.BodyBase64!).ShouldBe(body);
        var audit = _app.Services.GetRequiredService<AuditLog>();
        var page = await audit.QueryPageAsync(new AuditQuery(Sku: WebhookRejections.AuditKey(platform), Action: WebhookRejections.AuditAction, Limit: 50));
        var record = page.Items.Where(r => r.CorrelationId == dead.Id).ShouldHaveSingleItem();
        record.Outcome.ShouldBe(AuditOutcome.Failure);
        record.Detail!.ShouldContain(dead.Reason!);
        (await QueuedCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task UnknownPlatform_Is404()
    {
        using var response = await _client.SendAsync(TestWebhooks.Request("{}"u8.ToArray(), "sha256=00", platform: "nosuchplatform"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private QueueClient Queue(QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        _azurite.Account.CreateQueueServiceClient(StorageAccount.CreateQueueClientOptions(encoding)).GetQueueClient(_queue);

    private BlobServiceClient Blobs() => _azurite.Account.CreateBlobServiceClient();

    private async Task<int> QueuedCountAsync()
    {
        var queue = Queue();
        return (await queue.ExistsAsync()).Value ? (await queue.PeekMessagesAsync(32)).Value.Length : 0;
    }

    private async Task<List<WebhookEnvelope>> DeadLettersAsync()
    {
        var container = Blobs().GetBlobContainerClient(_deadLetter);
        var result = new List<WebhookEnvelope>();
        await foreach (var item in container.GetBlobsAsync())
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync();
            result.Add(content.Value.Content.ToObjectFromJson<WebhookEnvelope>(Json)!);
        }

        return result;
    }
}
