using Marketplace.Functions.Webhooks;

namespace Marketplace.Functions.Storage;

/// <summary>
/// A stored webhook: who sent it, when, its headers and its exact body (base64), why it was rejected if it was,
/// and the blob holding it. In a queue message of a large delivery, <see cref="Headers"/> and
/// <see cref="BodyBase64"/> are null: read them from <see cref="Blob"/>.
/// </summary>
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

/// <summary>One message on the webhook queue: one or more deliveries, in arrival order.</summary>
internal sealed record WebhookQueueMessage(IReadOnlyList<WebhookEnvelope> Deliveries);

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
}
