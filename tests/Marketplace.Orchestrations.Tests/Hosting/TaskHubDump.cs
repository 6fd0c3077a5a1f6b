using System.Text;
using Azure.Data.Tables;
using Marketplace.Shared.Storage;

namespace Marketplace.Orchestrations.Tests.Hosting;

/// <summary>
/// What a task hub looks like in storage, for the message of a test that timed out: who holds each partition's lease,
/// how many messages wait in each queue, and the history of the instances that did not finish.
/// </summary>
internal static class TaskHubDump
{
    public static async Task<string> DescribeAsync(StorageAccount account, string hub, IEnumerable<string> instanceIds, int maxInstances = 3)
    {
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var tables = account.CreateTableServiceClient();
        try
        {
            text.AppendLine($"partitions at {DateTimeOffset.UtcNow:HH:mm:ss.fff}:");
            await foreach (var lease in tables.GetTableClient(hub + "Partitions").QueryAsync<TableEntity>(cancellationToken: timeout.Token))
            {
                text.AppendLine($"  {lease.RowKey} owner={lease.GetString("CurrentOwner")} next={lease.GetString("NextOwner")} " +
                    $"expires={lease.GetDateTimeOffset("ExpiresAt"):HH:mm:ss.fff} draining={lease.GetBoolean("IsDraining")}");
            }

            var queues = account.CreateQueueServiceClient();
            await foreach (var item in queues.GetQueuesAsync(prefix: hub.ToLowerInvariant() + "-", cancellationToken: timeout.Token))
            {
                var name = item.Name;
                var queue = queues.GetQueueClient(name);
                var properties = await queue.GetPropertiesAsync(timeout.Token);
                var visible = await queue.PeekMessagesAsync(32, timeout.Token);
                text.AppendLine($"  queue {name}: {properties.Value.ApproximateMessagesCount} messages, {visible.Value.Length} visible");
                foreach (var message in visible.Value.Take(10))
                {
                    var body = message.Body.ToString();
                    text.AppendLine($"    dequeued {message.DequeueCount}x: {body[..Math.Min(body.Length, 300)]}");
                }
            }

            var history = tables.GetTableClient(hub + "History");
            var instances = tables.GetTableClient(hub + "Instances");
            foreach (var id in instanceIds.Take(maxInstances))
            {
                await foreach (var row in instances.QueryAsync<TableEntity>(x => x.PartitionKey == id, cancellationToken: timeout.Token))
                {
                    text.AppendLine($"instance {id}: {row.GetString("RuntimeStatus")} exec={row.GetString("ExecutionId")?[..8]} updated={row.Timestamp:HH:mm:ss.fff}");
                }

                text.AppendLine($"history of {id}:");
                await foreach (var e in history.QueryAsync<TableEntity>(x => x.PartitionKey == id, cancellationToken: timeout.Token))
                {
                    text.AppendLine($"  {e.RowKey} {e.GetString("EventType")} id={e.GetInt32("EventId")} task={e.GetInt32("TaskScheduledId")} " +
                        $"exec={e.GetString("ExecutionId")?[..8]} name={e.GetString("Name")} at={e.Timestamp:HH:mm:ss.fff}");
                }
            }
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException)
        {
            text.AppendLine($"(dump stopped: {ex.Message})");
        }

        return text.ToString();
    }
}
