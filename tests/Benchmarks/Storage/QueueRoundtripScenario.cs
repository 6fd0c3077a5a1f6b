using System.Diagnostics;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Marketplace.Shared.Storage;

namespace Marketplace.Benchmarks.Storage;

/// <summary>
/// <c>storage.queue.roundtrip</c>: 2,000 messages sent, received (batches of up to 32) and deleted against Azurite,
/// with 8 concurrent senders and 8 concurrent receivers (each deleting its batch concurrently), through the Azure SDK's
/// <c>QueueClient</c> with the app's options (base64 messages).
/// One op = one message's full round trip; <c>ops_per_s</c> = messages / wall time from first send to last delete.
/// </summary>
internal sealed class QueueRoundtripScenario : IBenchmarkScenario
{
    private const int Messages = 2_000;
    private const int WarmUpMessages = 100;
    private const int Senders = 8;
    private const int Receivers = 8;
    private const int MaxMessagesPerRequest = 32;

    public string Name => "storage.queue.roundtrip";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        var queue = azurite.Account.CreateQueueServiceClient(StorageAccount.CreateQueueClientOptions(QueueMessageEncoding.Base64)).GetQueueClient("bench-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            await RoundTripAsync(queue, WarmUpMessages, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            await RoundTripAsync(queue, Messages, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            context.Report(Name, "ops_per_s", Messages / seconds, "ops/s");
        }
        finally
        {
            await queue.DeleteIfExistsAsync(CancellationToken.None);
        }
    }

    private static async Task RoundTripAsync(QueueClient queue, int count, CancellationToken cancellationToken)
    {
        var payload = "{\"sku\":\"BENCH-0001\",\"quantity\":1,\"source\":\"benchmark\",\"padding\":\"" + new string('x', 200) + "\"}";
        var deleted = 0;
        var send = Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = Senders, CancellationToken = cancellationToken },
            async (_, ct) => await queue.SendMessageAsync(payload, cancellationToken: ct));
        var receive = Enumerable.Range(0, Receivers).Select(async _ =>
        {
            while (Volatile.Read(ref deleted) < count)
            {
                QueueMessage[] batch = await queue.ReceiveMessagesAsync(MaxMessagesPerRequest, TimeSpan.FromMinutes(1), cancellationToken);
                if (batch.Length == 0)
                {
                    await Task.Delay(5, cancellationToken);
                    continue;
                }

                await Task.WhenAll(batch.Select(m => queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, cancellationToken)));
                Interlocked.Add(ref deleted, batch.Length);
            }
        });
        await Task.WhenAll(receive.Append(send));
        if (deleted != count)
        {
            throw new InvalidOperationException($"Round-tripped {deleted} messages, expected {count}.");
        }
    }
}
