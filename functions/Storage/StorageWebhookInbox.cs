using System.Text.Json;
using Azure;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Blobs;
using Marketplace.Shared.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Storage;

/// <summary>
/// Stores webhooks in Azure Storage. Accepted: the delivery (headers + raw body, base64) is written to a blob
/// <c>{Container}/{platform}/{yyyy}/{MM}/{dd}/{id}.json</c>, then a queue message on <c>{Queue}</c> carries the
/// same envelope inline when it is small (<see cref="WebhookOptions.InlineBodyLimit"/>) or the blob's name when not.
/// Rejected: the envelope with the reason goes to <c>{DeadLetterContainer}</c>. Containers and the queue are
/// created on first use.
/// </summary>
internal sealed class StorageWebhookInbox(BlobServiceClient blobs, QueueServiceClient queues, IOptions<WebhookOptions> options) : IWebhookInbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebhookOptions _options = options.Value;
    private readonly EnsureOnce _ensure = new();

    public async Task AcceptAsync(WebhookDelivery delivery, string? eventId, CancellationToken cancellationToken)
    {
        var envelope = WebhookEnvelope.From(delivery, eventId, reason: null);
        var blobName = BlobName(delivery);
        var container = blobs.GetBlobContainerClient(_options.Container);
        var queue = queues.GetQueueClient(_options.Queue);
        await _ensure.RunAsync(_options.Container, () => container.CreateIfNotExistsAsync(cancellationToken));
        await _ensure.RunAsync(_options.Queue, () => queue.CreateIfNotExistsAsync(cancellationToken));

        var bytes = JsonSerializer.SerializeToUtf8Bytes(envelope, Json);
        var blob = container.GetBlobClient(blobName);
        if (delivery.Body.Length <= _options.InlineBodyLimit)
        {
            // The message carries the whole delivery, so blob and message are independent: write both at once.
            // Either failing fails the request (no 202), and the platform delivers again.
            var inline = JsonSerializer.Serialize(envelope with { Blob = _options.Container + "/" + blobName }, Json);
            await Task.WhenAll(
                blob.UploadAsync(new BinaryData(bytes), overwrite: false, cancellationToken),
                queue.SendMessageAsync(inline, cancellationToken: cancellationToken));
            return;
        }

        // Too large for a message: the message points at the blob, so the blob must exist first.
        await blob.UploadAsync(new BinaryData(bytes), overwrite: false, cancellationToken);
        var reference = envelope with { Blob = _options.Container + "/" + blobName, BodyBase64 = null, Headers = null };
        await queue.SendMessageAsync(JsonSerializer.Serialize(reference, Json), cancellationToken: cancellationToken);
    }

    public async Task DeadLetterAsync(WebhookDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(_options.DeadLetterContainer);
        await _ensure.RunAsync(_options.DeadLetterContainer, () => container.CreateIfNotExistsAsync(cancellationToken));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(WebhookEnvelope.From(delivery, null, reason), Json);
        await container.GetBlobClient(BlobName(delivery)).UploadAsync(new BinaryData(bytes), overwrite: false, cancellationToken);
    }

    private static string BlobName(WebhookDelivery d) => $"{d.Platform}/{d.ReceivedAt:yyyy}/{d.ReceivedAt:MM}/{d.ReceivedAt:dd}/{d.Id}.json";
}

/// <summary>A stored webhook: who sent it, when, its headers and its exact body (base64), and why it was rejected if it was.</summary>
internal sealed record WebhookEnvelope(
    string Id,
    string Platform,
    string? EventId,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string[]>? Headers,
    string? BodyBase64,
    string? Reason,
    string? Blob)
{
    public static WebhookEnvelope From(WebhookDelivery d, string? eventId, string? reason) =>
        new(d.Id, d.Platform, eventId, d.ReceivedAt, d.Headers, Convert.ToBase64String(d.Body.Span), reason, null);
}

/// <summary>Creates each container or queue once per process (concurrent first callers share the attempt; a failure is retried next time).</summary>
internal sealed class EnsureOnce
{
    private readonly Dictionary<string, Task> _done = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public async Task RunAsync(string key, Func<Task> create)
    {
        Task task;
        lock (_lock)
        {
            if (!_done.TryGetValue(key, out task!) || task.IsFaulted || task.IsCanceled)
            {
                task = create();
                _done[key] = task;
            }
        }

        await task;
    }

    public Task RunAsync(string key, Func<Task<bool>> create) => RunAsync(key, async () => { await create(); });
}
