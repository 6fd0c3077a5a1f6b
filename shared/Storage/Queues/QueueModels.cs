namespace Marketplace.Shared.Storage.Queues;

/// <summary>What the Queue service returned for a sent message (Azure.Storage.Queues' <c>SendReceipt</c>).</summary>
/// <param name="MessageId">The service-assigned message id.</param>
/// <param name="PopReceipt">Lets the sender delete or update the message before anyone receives it.</param>
/// <param name="InsertedOn">When the message was enqueued.</param>
/// <param name="ExpiresOn">When it expires (9999-12-31 for messages that never expire).</param>
/// <param name="NextVisibleOn">When receivers can first see it (the send's visibility delay).</param>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);

/// <summary>What the Queue service returned for an updated message (Azure.Storage.Queues' <c>UpdateReceipt</c>).</summary>
/// <param name="PopReceipt">The new pop receipt: the old one is invalid from now on.</param>
/// <param name="NextVisibleOn">When the message becomes visible again.</param>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);

/// <summary>Queue properties (Azure.Storage.Queues' <c>QueueProperties</c>).</summary>
/// <param name="ApproximateMessagesCount">
/// Messages in the queue, visible or not, as the service approximates it (it may lag and may count expired messages).
/// </param>
/// <param name="Metadata">The queue's metadata (<c>x-ms-meta-*</c>), names without the prefix.</param>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// A message looked at with <see cref="QueueClient.PeekMessagesAsync"/>: it stays visible, its dequeue count does
/// not change, and it has no pop receipt (Azure.Storage.Queues' <c>PeekedMessage</c>).
/// </summary>
public sealed class PeekedMessage
{
    internal PeekedMessage(string messageId, string wireText, long dequeueCount, DateTimeOffset insertedOn, DateTimeOffset expiresOn)
    {
        MessageId = messageId;
        WireText = wireText;
        (Body, MessageText) = QueueMessageEncoding.Decode(wireText);
        DequeueCount = dequeueCount;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
    }

    /// <summary>The message id.</summary>
    public string MessageId { get; }

    /// <inheritdoc cref="QueueMessage.MessageText"/>
    public string MessageText { get; }

    /// <inheritdoc cref="QueueMessage.Body"/>
    public BinaryData Body { get; }

    /// <summary>How many times the message has been received so far.</summary>
    public long DequeueCount { get; }

    /// <summary>When the message was enqueued.</summary>
    public DateTimeOffset InsertedOn { get; }

    /// <summary>When it expires.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>The text exactly as stored on the service (normally base64).</summary>
    internal string WireText { get; }
}

/// <summary>
/// A message received with <see cref="QueueClient.ReceiveMessagesAsync"/> (Azure.Storage.Queues' <c>QueueMessage</c>).
/// It is invisible to other receivers until <see cref="NextVisibleOn"/>; delete it with <see cref="PopReceipt"/>
/// once handled, or it comes back (delivery is at least once: handlers must be idempotent).
/// </summary>
public sealed class QueueMessage
{
    internal QueueMessage(string messageId, string popReceipt, string wireText, long dequeueCount,
        DateTimeOffset insertedOn, DateTimeOffset expiresOn, DateTimeOffset nextVisibleOn)
    {
        MessageId = messageId;
        PopReceipt = popReceipt;
        WireText = wireText;
        (Body, MessageText) = QueueMessageEncoding.Decode(wireText);
        DequeueCount = dequeueCount;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
        NextVisibleOn = nextVisibleOn;
    }

    /// <summary>The message id.</summary>
    public string MessageId { get; }

    /// <summary>Proof of this receive: needed to delete or update the message; invalid after the next receive or update.</summary>
    public string PopReceipt { get; }

    /// <summary>
    /// The message as text: the base64 on the wire decoded as UTF-8 (the Azure Functions encoding). Text that
    /// is not base64 of UTF-8 (written raw by another producer) is returned exactly as stored.
    /// </summary>
    public string MessageText { get; }

    /// <summary>
    /// The message's bytes: the base64 on the wire decoded, or the UTF-8 of the stored text when it is not base64.
    /// </summary>
    public BinaryData Body { get; }

    /// <summary>How many times the message has been received, this receive included (1 on the first).</summary>
    public long DequeueCount { get; }

    /// <summary>When the message was enqueued.</summary>
    public DateTimeOffset InsertedOn { get; }

    /// <summary>When it expires.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>When it becomes visible to receivers again unless deleted or updated first.</summary>
    public DateTimeOffset NextVisibleOn { get; }

    /// <summary>The text exactly as stored on the service (normally base64); the poison policy copies it unchanged.</summary>
    internal string WireText { get; }
}
