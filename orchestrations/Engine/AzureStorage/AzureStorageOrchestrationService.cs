using System.Threading.Channels;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Blobs;
using Marketplace.Shared.Storage.Queues;
using Marketplace.Shared.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <summary>
/// The Azure Storage backend. Layout for task hub <c>hub</c>: table <c>hubInstances</c> (one row per instance,
/// for reads and queries), table <c>hubHistory</c> (one partition per instance: <c>$state</c>, history rows and
/// outbox), control queues <c>hub-control-00</c>.. (one per partition; instances are hashed onto them),
/// queue <c>hub-workitems</c> (activities), container <c>hub-leases</c> (one blob lease per partition: only its
/// holder reads that control queue, so an instance runs on one worker at a time) and <c>hub-payloads</c>
/// (payloads over the threshold). A step commits history, state and outbox in one entity group transaction
/// guarded by the <c>$state</c> ETag, then sends, then deletes the consumed messages; a crash anywhere
/// redelivers the messages and the outbox is re-sent. Several processes may share a task hub.
/// </summary>
public sealed partial class AzureStorageOrchestrationService : IOrchestrationService, IOrchestrationServiceClient, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TableClient _instances;
    private readonly QueueClient[] _control;
    private readonly QueueClient _workItems;
    private readonly BlobContainerClient _leases;
    private readonly BlobContainerClient _payloads;
    private readonly HistoryStore _history;
    private readonly QueueEnvelope _envelope;
    private readonly LargeText _largeText;
    private readonly Lazy<Task> _created;

    public AzureStorageOrchestrationService(StorageAccount account, AzureStorageOrchestrationServiceOptions? options = null,
        TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, StorageClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        _options = options ?? new AzureStorageOrchestrationServiceOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<AzureStorageOrchestrationService>();
        var hub = _options.TaskHubName;
        var tables = new TableServiceClient(account, clientOptions);
        var queues = new QueueServiceClient(account, clientOptions);
        var blobs = new BlobServiceClient(account, clientOptions);
        _instances = tables.GetTableClient(hub + "Instances");
        var historyTable = tables.GetTableClient(hub + "History");
        _control = [.. Enumerable.Range(0, _options.PartitionCount).Select(i => queues.GetQueueClient($"{hub}-control-{i:D2}"))];
        _workItems = queues.GetQueueClient(hub + "-workitems");
        _leases = blobs.GetBlobContainerClient(hub + "-leases");
        _payloads = blobs.GetBlobContainerClient(hub + "-payloads");
        _largeText = new LargeText(_payloads, _options.LargePayloadThresholdBytes);
        _envelope = new QueueEnvelope(_payloads, _options.LargePayloadThresholdBytes);
        _history = new HistoryStore(historyTable, _largeText, _options.LargePayloadThresholdBytes);
        _historyTable = historyTable;
        _partitions = [.. Enumerable.Range(0, _options.PartitionCount).Select(i => new ControlPartition(i,
            _leases.GetBlobClient($"control-{i:D2}").GetBlobLeaseClient(DeterministicGuid.Create($"{hub}/{_options.WorkerId}/{i}").ToString())))];
        _created = new Lazy<Task>(() => CreateIfNotExistsAsync(CancellationToken.None));
    }

    private readonly TableClient _historyTable;

    /// <summary>Creates the tables, queues, containers and lease blobs if they do not exist (idempotent).</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            _instances.CreateIfNotExistsAsync(cancellationToken),
            _historyTable.CreateIfNotExistsAsync(cancellationToken),
            _workItems.CreateIfNotExistsAsync(cancellationToken),
            _leases.CreateIfNotExistsAsync(cancellationToken),
            _payloads.CreateIfNotExistsAsync(cancellationToken),
            Task.WhenAll(_control.Select(q => q.CreateIfNotExistsAsync(cancellationToken))));
        await CheckTaskHubAsync(cancellationToken);
        foreach (var partition in _partitions)
        {
            var blob = _leases.GetBlobClient($"control-{partition.Index:D2}");
            if (!await blob.ExistsAsync(cancellationToken))
            {
                try
                {
                    await blob.UploadAsync(BinaryData.FromString(string.Empty), overwrite: false, cancellationToken);
                }
                catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Another worker created it (or leased it) first.
                }
            }
        }
    }

    private Task EnsureCreatedAsync() => _created.Value;

    /// <summary>Records the partition count on first use; a worker configured with another count refuses to start.</summary>
    private async Task CheckTaskHubAsync(CancellationToken cancellationToken)
    {
        var blob = _leases.GetBlobClient("taskhub.json");
        var mine = System.Text.Json.JsonSerializer.Serialize(new { partitionCount = _options.PartitionCount });
        try
        {
            await blob.UploadAsync(BinaryData.FromString(mine), overwrite: false, cancellationToken);
            return;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already recorded: compare below.
        }

        using var recorded = System.Text.Json.JsonDocument.Parse((await blob.DownloadContentAsync(cancellationToken: cancellationToken)).Content.ToString());
        var count = recorded.RootElement.GetProperty("partitionCount").GetInt32();
        if (count != _options.PartitionCount)
        {
            throw new InvalidOperationException(
                $"Task hub '{_options.TaskHubName}' was created with {count} partitions but this worker is configured with {_options.PartitionCount}; all workers of a task hub must use the same partition count.");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Worker {WorkerId} acquired partition {Partition}.")]
        public static partial void Acquired(ILogger logger, string workerId, int partition);

        [LoggerMessage(2, LogLevel.Warning, "Worker {WorkerId} lost partition {Partition}.")]
        public static partial void Lost(ILogger logger, string workerId, int partition, Exception? exception);

        [LoggerMessage(3, LogLevel.Warning, "Polling queue {Queue} failed; retrying.")]
        public static partial void PollFailed(ILogger logger, string queue, Exception exception);

        [LoggerMessage(4, LogLevel.Error, "Dropping undecodable message {MessageId} from queue {Queue}.")]
        public static partial void Undecodable(ILogger logger, string messageId, string queue, Exception exception);

        [LoggerMessage(5, LogLevel.Debug, "Cleanup of instance {InstanceId} failed; it is retried on the next step or purge.")]
        public static partial void CleanupFailed(ILogger logger, string instanceId, Exception exception);

        [LoggerMessage(6, LogLevel.Warning, "Renewing activity message {MessageId} failed.")]
        public static partial void RenewFailed(ILogger logger, string messageId, Exception exception);
    }
}
