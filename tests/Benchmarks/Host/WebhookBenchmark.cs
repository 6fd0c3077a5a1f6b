using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Marketplace.Functions.Storage;
using Marketplace.Functions.Webhooks;
using Azure.Storage.Queues;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Benchmarks.Host;

/// <summary>
/// <c>host.http.webhook</c>: signed webhooks (test platform, HMAC-SHA256) posted on loopback to the standalone app,
/// each verified and durably stored (blob + queue message) before its 202. <c>lost</c> counts accepted webhooks
/// whose queue message cannot be read back (target 0).
/// </summary>
internal sealed class WebhookBenchmark : IBenchmarkScenario
{
    private const int Requests = 4000;
    private const int Concurrency = 64;
    private const string Secret = "benchmark-webhook-secret-5e1c";

    public string Name => "host.http.webhook";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        var queueName = "bench-webhooks-" + Guid.NewGuid().ToString("N")[..8];
        var (app, address) = await BenchmarkApp.StartAsync(new()
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Standalone:TriggersEnabled"] = "false",
            ["Webhooks:Queue"] = queueName,
            ["Webhooks:Container"] = "bench-webhooks-" + Guid.NewGuid().ToString("N")[..8],
        }, s => s.AddSingleton<IWebhookVerifier>(new HmacSha256WebhookVerifier("benchshop", Secret, "X-Bench-Signature")));
        await using var _ = app;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = address };

        // Warm-up: connections, JIT, container and queue creation.
        await SendAsync(client, -1);
        var accepted = 0;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                if (await SendAsync(client, i))
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var found = await ReadBackAsync(azurite.Account.CreateQueueServiceClient(StorageAccount.CreateQueueClientOptions(QueueMessageEncoding.Base64)).GetQueueClient(queueName), cancellationToken);
        context.Report(Name, "requests_per_s", Requests / elapsed, "1/s");
        context.Report(Name, "accepted", accepted, "count");
        context.Report(Name, "lost", Requests - found, "count");
    }

    private static async Task<bool> SendAsync(HttpClient client, int i)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"id":{{i}},"topic":"orders/paid","line_items":[{"sku":"GTR-{{i}}","quantity":1}]}""");
        var signature = "sha256=" + Convert.ToHexStringLower(HmacSha256WebhookVerifier.Sign(Encoding.UTF8.GetBytes(Secret), body));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/benchshop") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("X-Bench-Signature", signature);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    /// <summary>Distinct benchmark bodies (id >= 0) found in the queue.</summary>
    private static async Task<int> ReadBackAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        var ids = new HashSet<int>();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken)).Value;
            if (batch.Length == 0)
            {
                return ids.Count;
            }

            foreach (var envelope in batch.SelectMany(m => JsonSerializer.Deserialize<WebhookQueueMessage>(m.Body.ToString(), json)!.Deliveries))
            {
                using var body = JsonDocument.Parse(Convert.FromBase64String(envelope.BodyBase64!));
                var id = body.RootElement.GetProperty("id").GetInt32();
                if (id >= 0)
                {
                    ids.Add(id);
                }
            }
        }
    }
}
