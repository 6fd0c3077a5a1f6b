using Azure;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Storage.Queues;

/// <summary>
/// Moves messages that keep failing to <c>&lt;queue&gt;-poison</c>, as the Azure Functions host does for queue
/// triggers (default <see cref="DefaultMaxDequeueCount"/> = 5 dequeues).
/// </summary>
/// <remarks>
/// <para>
/// Order, so that a message is never lost: the message is first copied to the poison queue (its stored text
/// unchanged, so it still decodes to the same text), and only then deleted from the source queue. A crash or
/// failure between the two steps leaves the message in both queues (a duplicate), never in neither. The
/// poison queue is created on first use if missing.
/// </para>
/// <para>
/// If the delete fails because the pop receipt went stale (<see cref="QueueErrors.IsStalePopReceipt"/>: the message's
/// visibility timeout ran out and another receiver got it), the <see cref="RequestFailedException"/> propagates: the copy in the poison queue stays, and
/// the other receiver will likely poison it again, so poison queues hold at-least-once copies. Poison messages get
/// <see cref="PoisonTimeToLive"/> (null: the service default of 7 days, like the host).
/// </para>
/// </remarks>
public sealed partial class QueuePoisonPolicy
{
    /// <summary>The Azure Functions host's default <c>maxDequeueCount</c>.</summary>
    public const int DefaultMaxDequeueCount = 5;

    /// <summary>The suffix the Functions host appends to a queue's name for its poison queue.</summary>
    public const string PoisonQueueSuffix = "-poison";

    /// <summary>A policy for messages received from <paramref name="queue"/>.</summary>
    /// <param name="queue">The source queue.</param>
    /// <param name="maxDequeueCount">Dequeues after which a message is poison; at least 1.</param>
    /// <exception cref="ArgumentException">The poison queue's name would be invalid (source names over 56 characters).</exception>
    public QueuePoisonPolicy(QueueClient queue, int maxDequeueCount = DefaultMaxDequeueCount)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDequeueCount, 1);
        var poisonName = queue.Name + PoisonQueueSuffix;
        if (!QueueNameValidator.IsValid(poisonName))
        {
            throw new ArgumentException(
                $"Queue '{queue.Name}' cannot have a poison queue: '{poisonName}' is longer than {QueueNameValidator.MaxLength} characters.",
                nameof(queue));
        }

        Queue = queue;
        PoisonQueue = queue.GetSiblingQueueClient(poisonName);
        MaxDequeueCount = maxDequeueCount;
    }

    /// <summary>The source queue.</summary>
    public QueueClient Queue { get; }

    /// <summary>The poison queue, <c>&lt;queue&gt;-poison</c>.</summary>
    public QueueClient PoisonQueue { get; }

    /// <summary>Dequeues after which a message is poison.</summary>
    public int MaxDequeueCount { get; }

    /// <summary>Time to live of poison messages; null for the service default (7 days), <see cref="QueueClient.NeverExpires"/> to keep them.</summary>
    public TimeSpan? PoisonTimeToLive { get; init; }

    /// <summary>True when the message has been dequeued <see cref="MaxDequeueCount"/> times or more.</summary>
    public bool HasReachedLimit(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.DequeueCount >= MaxDequeueCount;
    }

    /// <summary>
    /// Moves <paramref name="message"/> to the poison queue when it has reached the limit (see the remarks for
    /// the order and its guarantee). Call it after a failed attempt, or before handling a message.
    /// </summary>
    /// <returns>True when the message was moved; false when it is under the limit (nothing is done).</returns>
    public async Task<bool> MoveToPoisonIfExhaustedAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        if (!HasReachedLimit(message))
        {
            return false;
        }

        await MoveToPoisonAsync(message, cancellationToken);
        return true;
    }

    /// <summary>Moves <paramref name="message"/> to the poison queue regardless of its dequeue count: copy first, then delete.</summary>
    /// <exception cref="RequestFailedException">The copy or the delete failed (after a failed delete the copy remains).</exception>
    public async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        SendReceipt copy;
        try
        {
            copy = await PoisonQueue.SendWireTextAsync(message.WireText, null, PoisonTimeToLive, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            await PoisonQueue.CreateIfNotExistsAsync(cancellationToken);
            copy = await PoisonQueue.SendWireTextAsync(message.WireText, null, PoisonTimeToLive, cancellationToken);
        }

        await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogMoved(Queue.Logger, message.MessageId, Queue.Name, PoisonQueue.Name, copy.MessageId, message.DequeueCount);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moved message {MessageId} from queue {Queue} to {PoisonQueue} as {PoisonMessageId} after {DequeueCount} dequeues")]
    private static partial void LogMoved(ILogger logger, string messageId, string queue, string poisonQueue, string poisonMessageId, long dequeueCount);
}
