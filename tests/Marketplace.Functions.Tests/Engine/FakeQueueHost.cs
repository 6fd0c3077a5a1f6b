using System.Net;
using System.Text;
using System.Text.Json;
using Marketplace.Shared.Storage.Queues;

namespace Marketplace.Functions.Tests.Engine;

/// <summary>
/// Plays the Functions host's queue trigger for a custom handler: receives from each queue, POSTs the documented
/// payload (<c>{Data:{message}, Metadata:{DequeueCount, Id, PopReceipt, times, sys}}</c>) to <c>/{FunctionName}</c>,
/// deletes the message on 2xx and makes it visible again otherwise. With several apps (instances of a scaled-out
/// function app), the messages of a batch go to them in turn, concurrently.
/// </summary>
internal sealed class FakeQueueHost(IReadOnlyList<HttpClient> apps, QueueServiceClient queues, IReadOnlyDictionary<string, string> functionsByQueue)
{
    public FakeQueueHost(HttpClient app, QueueServiceClient queues, IReadOnlyDictionary<string, string> functionsByQueue)
        : this([app], queues, functionsByQueue)
    {
    }

    public Dictionary<string, int> Delivered { get; } = [];

    public List<HttpStatusCode> Failures { get; } = [];

    /// <summary>One receive per queue; returns how many messages were delivered.</summary>
    public async Task<int> PumpOnceAsync()
    {
        var count = 0;
        foreach (var (queueName, function) in functionsByQueue)
        {
            var queue = queues.GetQueueClient(queueName);
            if (!await queue.ExistsAsync())
            {
                continue;
            }

            // Like the host, a batch is processed concurrently.
            var batch = await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30));
            var statuses = await Task.WhenAll(batch.Select((m, i) => DeliverAsync(function, m, apps[i % apps.Count])));
            for (var i = 0; i < batch.Count; i++)
            {
                if ((int)statuses[i] is >= 200 and < 300)
                {
                    await queue.DeleteMessageAsync(batch[i].MessageId, batch[i].PopReceipt);
                    lock (Delivered)
                    {
                        Delivered[function] = Delivered.GetValueOrDefault(function) + 1;
                    }
                }
                else
                {
                    Failures.Add(statuses[i]);
                    await queue.UpdateMessageAsync(batch[i].MessageId, batch[i].PopReceipt, visibilityTimeout: TimeSpan.Zero);
                }
            }

            count += batch.Count;
        }

        return count;
    }

    /// <summary>Pumps until <paramref name="done"/> holds (checked after each round), or throws after <paramref name="timeout"/>.</summary>
    public async Task PumpUntilAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await done())
        {
            cts.Token.ThrowIfCancellationRequested();
            if (await PumpOnceAsync() == 0)
            {
                await Task.Delay(50, cts.Token);
            }
        }
    }

    public Task<HttpStatusCode> DeliverAsync(string function, QueueMessage message) => DeliverAsync(function, message, apps[0]);

    private static async Task<HttpStatusCode> DeliverAsync(string function, QueueMessage message, HttpClient app)
    {
        var payload = JsonSerializer.Serialize(new
        {
            Data = new Dictionary<string, object> { ["message"] = message.MessageText },
            Metadata = new Dictionary<string, object>
            {
                ["DequeueCount"] = message.DequeueCount,
                ["ExpirationTime"] = message.ExpiresOn.ToString("O"),
                ["Id"] = message.MessageId,
                ["InsertionTime"] = message.InsertedOn.ToString("O"),
                ["NextVisibleTime"] = message.NextVisibleOn.ToString("O"),
                ["PopReceipt"] = message.PopReceipt,
                ["sys"] = new { MethodName = function, UtcNow = DateTime.UtcNow.ToString("O"), RandGuid = Guid.NewGuid().ToString() },
            },
        });
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + function) { Content = content };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        using var response = await app.SendAsync(request);
        return response.StatusCode;
    }
}
