using System.Net;
using System.Text;
using System.Text.Json;
using Marketplace.Shared.Storage.Queues;

namespace Marketplace.Functions.Tests.Engine;

/// <summary>
/// Plays the Functions host's queue trigger for a custom handler: receives from each queue, POSTs the documented
/// payload (<c>{Data:{message}, Metadata:{DequeueCount, Id, PopReceipt, times, sys}}</c>) to <c>/{FunctionName}</c>,
/// deletes the message on 2xx and makes it visible again otherwise.
/// </summary>
internal sealed class FakeQueueHost(HttpClient app, QueueServiceClient queues, IReadOnlyDictionary<string, string> functionsByQueue)
{
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

            foreach (var message in await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30)))
            {
                var status = await DeliverAsync(function, message);
                if ((int)status is >= 200 and < 300)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    Delivered[function] = Delivered.GetValueOrDefault(function) + 1;
                }
                else
                {
                    Failures.Add(status);
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                }

                count++;
            }
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

    public async Task<HttpStatusCode> DeliverAsync(string function, QueueMessage message)
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
