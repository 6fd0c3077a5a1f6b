using Azure;
using Azure.Core;

namespace Marketplace.Shared.Storage.Queues;

public sealed partial class QueueClient
{
    private static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    /// <summary>
    /// Enqueues <paramref name="messageText"/>, encoded as UTF-8 then base64 (what Azure Functions queue triggers read).
    /// Not idempotent: sending twice enqueues two messages.
    /// </summary>
    /// <param name="messageText">The text; at most <see cref="MessageMaxBytes"/> once encoded (about 48 KiB of UTF-8).</param>
    /// <param name="visibilityTimeout">Delay before receivers can see it, 0 to 7 days; null for none.</param>
    /// <param name="timeToLive">How long it lives, at least 1 s, or <see cref="NeverExpires"/>; null for the service default (7 days).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The encoded message exceeds 64 KiB (the message names the size).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timeout is out of its range.</exception>
    /// <exception cref="RequestFailedException">404 <c>QueueNotFound</c> when the queue does not exist, or another service error.</exception>
    public Task<SendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var wireText = QueueMessageEncoding.Encode(messageText, nameof(messageText));
        return SendWireTextAsync(wireText, visibilityTimeout, timeToLive, cancellationToken);
    }

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> visible messages and hides them for <paramref name="visibilityTimeout"/>.
    /// Each receive increments a message's dequeue count and gives it a new pop receipt. Returns an empty list when none is visible.
    /// </summary>
    /// <param name="maxMessages">1 to <see cref="MaxMessagesPerRequest"/>.</param>
    /// <param name="visibilityTimeout">1 s to 7 days; null for the service default (30 s).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerRequest);
        List<(string, string)> query = [("numofmessages", maxMessages.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (visibilityTimeout is { } visibility)
        {
            CheckRange(visibility, TimeSpan.FromSeconds(1), nameof(visibilityTimeout));
            query.Add(("visibilitytimeout", Seconds(visibility)));
        }

        using var message = CreateMessage(RequestMethod.Get, "/messages", query);
        var response = await SendAsync(message, cancellationToken);
        return response.Status == 200
            ? QueueXml.ParseReceived(response.Content)
            : throw StorageErrors.CreateException(response, $"receive messages from queue '{Name}'");
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without receiving them (no pop receipt, no dequeue).</summary>
    /// <param name="maxMessages">1 to <see cref="MaxMessagesPerRequest"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerRequest);
        using var message = CreateMessage(RequestMethod.Get, "/messages",
            [("peekonly", "true"), ("numofmessages", maxMessages.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var response = await SendAsync(message, cancellationToken);
        return response.Status == 200
            ? QueueXml.ParsePeeked(response.Content)
            : throw StorageErrors.CreateException(response, $"peek messages in queue '{Name}'");
    }

    /// <summary>
    /// Changes a received message's visibility (for example 0 to release it now, or longer to keep working on it)
    /// and, when <paramref name="messageText"/> is not null, its content. The old pop receipt is invalid afterwards.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="popReceipt">The pop receipt from the latest receive or update of this message.</param>
    /// <param name="messageText">New text (same encoding and limit as <see cref="SendMessageAsync"/>), or null to keep it.</param>
    /// <param name="visibilityTimeout">From now until the message is visible again, 0 to 7 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">
    /// The pop receipt no longer holds the message (see <see cref="QueueErrors.IsStalePopReceipt"/>): 404
    /// <c>MessageNotFound</c> on Azure (received or updated since, deleted, or expired), 400 <c>PopReceiptMismatch</c>
    /// on Azurite for a live message with a stale receipt.
    /// </exception>
    public async Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        CheckRange(visibilityTimeout, TimeSpan.Zero, nameof(visibilityTimeout));
        var wireText = messageText is null ? null : QueueMessageEncoding.Encode(messageText, nameof(messageText));
        using var message = CreateMessage(RequestMethod.Put, MessagePath(messageId),
            [("popreceipt", popReceipt), ("visibilitytimeout", Seconds(visibilityTimeout))]);
        if (wireText is not null)
        {
            SetBody(message, wireText);
        }

        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 204)
        {
            throw StorageErrors.CreateException(response, $"update message {messageId} in queue '{Name}'");
        }

        return new UpdateReceipt(
            Header(response, "x-ms-popreceipt"),
            QueueXml.ParseDate(Header(response, "x-ms-time-next-visible"), "x-ms-time-next-visible"));
    }

    /// <summary>Deletes a received message. Call it once the message is handled; until then it may be delivered again.</summary>
    /// <exception cref="RequestFailedException">
    /// The pop receipt no longer holds the message (see <see cref="QueueErrors.IsStalePopReceipt"/>): 404
    /// <c>MessageNotFound</c> on Azure (received or updated since, deleted, or expired), 400 <c>PopReceiptMismatch</c>
    /// on Azurite for a live message with a stale receipt.
    /// </exception>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = CreateMessage(RequestMethod.Delete, MessagePath(messageId), [("popreceipt", popReceipt)]);
        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 204)
        {
            throw StorageErrors.CreateException(response, $"delete message {messageId} from queue '{Name}'");
        }
    }

    /// <summary>Deletes every message in the queue, visible or not.</summary>
    public async Task ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "/messages");
        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 204)
        {
            throw StorageErrors.CreateException(response, $"clear messages of queue '{Name}'");
        }
    }

    /// <summary>Sends text that is already in wire form (the poison policy copies a message this way, unchanged).</summary>
    internal async Task<SendReceipt> SendWireTextAsync(string wireText, TimeSpan? visibilityTimeout, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        List<(string, string)> query = [];
        if (visibilityTimeout is { } visibility)
        {
            CheckRange(visibility, TimeSpan.Zero, nameof(visibilityTimeout));
            query.Add(("visibilitytimeout", Seconds(visibility)));
        }

        if (timeToLive is { } ttl)
        {
            query.Add(("messagettl", TimeToLiveSeconds(ttl)));
        }

        using var message = CreateMessage(RequestMethod.Post, "/messages", query);
        SetBody(message, wireText);
        var response = await SendAsync(message, cancellationToken);
        return response.Status == 201
            ? QueueXml.ParseSendReceipt(response.Content)
            : throw StorageErrors.CreateException(response, $"send message to queue '{Name}'");
    }

    private static void SetBody(HttpMessage message, string wireText)
    {
        message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        message.Request.Content = QueueXml.MessageBody(wireText);
    }

    private static string MessagePath(string messageId) => "/messages/" + Uri.EscapeDataString(messageId);

    private static string Header(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"The Queue service answered without the {name} header.");

    private static string TimeToLiveSeconds(TimeSpan timeToLive)
    {
        if (timeToLive == NeverExpires || timeToLive == Timeout.InfiniteTimeSpan)
        {
            return "-1";
        }

        if (timeToLive < TimeSpan.FromSeconds(1) || timeToLive.TotalSeconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive,
                "A message's time to live must be at least 1 second (and fit in an int of seconds), or QueueClient.NeverExpires.");
        }

        return Seconds(timeToLive);
    }

    private static void CheckRange(TimeSpan value, TimeSpan min, string parameterName)
    {
        if (value < min || value > MaxVisibilityTimeout)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"A visibility timeout must be between {min} and 7 days.");
        }
    }
}
