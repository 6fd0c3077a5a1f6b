using System.Text.Json;
using System.Threading.Channels;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Marketplace.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Storage;

/// <summary>
/// Stores webhooks in Azure Storage with group commit: deliveries arriving together are written as one batch, a
/// blob <c>{Container}/batches/{yyyy}/{MM}/{dd}/{batchId}.json</c> (the envelopes: headers + raw body in base64)
/// and one queue message on <c>{Queue}</c> carrying the same envelopes (<see cref="WebhookQueueMessage"/>), and
/// each caller's task completes only when both writes succeeded, so an acknowledged webhook is never lost. Queue
/// messages are base64-encoded UTF-8 JSON (the registered <see cref="QueueServiceClient"/>'s encoding, the Functions queue
/// trigger's default).
/// A delivery too large for a message is stored alone and queued as a reference to its blob. Rejected deliveries
/// go to <c>{DeadLetterContainer}</c> one blob each. Containers and the queue are created on first use.
/// </summary>
internal sealed partial class StorageWebhookInbox : IWebhookInbox, IAsyncDisposable
{
    /// <summary>Serialized envelopes per batch message: base64 on the wire makes 48 KB of text the 64 KiB limit.</summary>
    private const int MaxBatchChars = 40_000;
    private const int MaxConcurrentFlushes = 4;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container;
    private readonly BlobContainerClient _deadLetters;
    private readonly QueueClient _queue;
    private readonly WebhookOptions _options;
    private readonly EnsureOnce _ensure = new();
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _flushSlots = new(MaxConcurrentFlushes, MaxConcurrentFlushes);
    private readonly Task _flusher;

    public StorageWebhookInbox(BlobServiceClient blobs, QueueServiceClient queues, IOptions<WebhookOptions> options)
    {
        _options = options.Value;
        _container = blobs.GetBlobContainerClient(_options.Container);
        _deadLetters = blobs.GetBlobContainerClient(_options.DeadLetterContainer);
        _queue = queues.GetQueueClient(_options.Queue);
        _flusher = Task.Run(FlushLoopAsync);
    }

    public async Task AcceptAsync(WebhookDelivery delivery, string? eventId, CancellationToken cancellationToken)
    {
        var envelope = WebhookEnvelope.From(delivery, eventId, reason: null);
        var text = JsonSerializer.Serialize(envelope, Json);
        if (text.Length > MaxBatchChars || delivery.Body.Length > _options.InlineBodyLimit)
        {
            await StoreLargeAsync(delivery, envelope, cancellationToken);
            return;
        }

        var pending = new Pending(envelope, text, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(StorageWebhookInbox), "The webhook inbox is shutting down.");
        }

        // The caller may stop waiting; the batch is still written (and would be delivered without a 202).
        await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async Task DeadLetterAsync(WebhookDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        await _ensure.RunAsync(_options.DeadLetterContainer, () => _deadLetters.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(WebhookEnvelope.From(delivery, null, reason), Json);
        await _deadLetters.GetBlobClient(BlobName(delivery)).UploadAsync(new BinaryData(bytes), overwrite: false, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _flusher;
        for (var i = 0; i < MaxConcurrentFlushes; i++)
        {
            await _flushSlots.WaitAsync();
        }

        _flushSlots.Dispose();
    }

    private async Task FlushLoopAsync()
    {
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync())
        {
            await _flushSlots.WaitAsync();
            var batch = new List<Pending>();
            var chars = 0;
            while (reader.TryPeek(out var next) && (batch.Count == 0 || chars + next.Text.Length <= MaxBatchChars) && reader.TryRead(out next))
            {
                batch.Add(next);
                chars += next.Text.Length + 1;
            }

            _ = FlushAsync(batch);
        }
    }

    private async Task FlushAsync(List<Pending> batch)
    {
        try
        {
            await EnsureCreatedAsync(CancellationToken.None);
            var first = batch[0].Envelope;
            var name = $"batches/{first.ReceivedAt:yyyy}/{first.ReceivedAt:MM}/{first.ReceivedAt:dd}/{first.Id}.json";
            var envelopes = batch.Select(p => p.Envelope with { Blob = _options.Container + "/" + name }).ToList();
            var message = JsonSerializer.Serialize(new WebhookQueueMessage(envelopes), Json);
            await Task.WhenAll(
                _container.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(envelopes, Json), overwrite: false, CancellationToken.None),
                _queue.SendMessageAsync(message, cancellationToken: CancellationToken.None));
            batch.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception ex)
        {
            // Every caller of the batch gets the failure: none of them answers 202.
            batch.ForEach(p => p.Done.TrySetException(ex));
        }
        finally
        {
            _flushSlots.Release();
        }
    }

    private async Task StoreLargeAsync(WebhookDelivery delivery, WebhookEnvelope envelope, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var name = BlobName(delivery);
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(envelope, Json), overwrite: false, cancellationToken);
        var reference = envelope with { Blob = _options.Container + "/" + name, BodyBase64 = null, Headers = null };
        await _queue.SendMessageAsync(JsonSerializer.Serialize(new WebhookQueueMessage([reference]), Json), cancellationToken: cancellationToken);
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _ensure.RunAsync(_options.Container, () => _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await _ensure.RunAsync(_options.Queue, () => _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
    }

    private static string BlobName(WebhookDelivery d) => $"{d.Platform}/{d.ReceivedAt:yyyy}/{d.ReceivedAt:MM}/{d.ReceivedAt:dd}/{d.Id}.json";

    private sealed record Pending(WebhookEnvelope Envelope, string Text, TaskCompletionSource Done);
}
