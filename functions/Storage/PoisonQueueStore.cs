using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Marketplace.Functions.Hosting;
using Marketplace.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Storage;

/// <summary>A message of a poison queue: its id, when it was first queued, and its raw body (UTF-8 text, else base64).</summary>
internal sealed record PoisonMessage(string Id, DateTimeOffset? InsertedOn, string Body, bool BodyIsBase64);

/// <summary>One poison queue: which queue its messages failed in (null when they cannot go back), its depth and the oldest messages.</summary>
internal sealed record PoisonQueue(string Queue, string? Source, int? Total, IReadOnlyList<PoisonMessage> Items);

/// <summary>What a requeue or discard did to one message.</summary>
internal sealed record PoisonOutcome(string Id, bool Done, string? Error);

/// <summary>
/// The Functions host's poison queues: <c>&lt;queue&gt;-poison</c> of every queue the app consumes (a message lands there
/// after the last failed dequeue) and <c>webjobs-blobtrigger-poison</c> (blob trigger reports, which can only be discarded).
/// Requeue sends the body unchanged back to the source queue, then deletes it from the poison queue.
/// </summary>
internal sealed class PoisonQueueStore(QueueServiceClient queues, FunctionIndex index, IOptions<WebhookOptions> webhooks, IConfiguration configuration)
{
    private const string Suffix = "-poison";
    private const string BlobTriggerPoison = "webjobs-blobtrigger-poison";

    // A message being requeued or discarded is hidden this long; the others are released at once.
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    /// <summary>Poison queue name to source queue (null: not requeueable).</summary>
    public IReadOnlyDictionary<string, string?> Queues()
    {
        var sources = index.OfTrigger<Microsoft.Azure.Functions.Worker.QueueTriggerAttribute>()
            .Select(q => BindingExpressions.Resolve(q.Trigger.QueueName, configuration)).Append(webhooks.Value.Queue).Distinct(StringComparer.Ordinal);
        var map = sources.ToDictionary(s => s + Suffix, s => (string?)s, StringComparer.Ordinal);
        map[BlobTriggerPoison] = null;
        return map;
    }

    /// <summary>Every poison queue with its depth and up to 32 of its oldest messages (peeked, so nothing is hidden).</summary>
    public async Task<IReadOnlyList<PoisonQueue>> ListAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(Queues().Select(async q =>
        {
            var client = queues.GetQueueClient(q.Key);
            try
            {
                var depth = (await client.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                var peeked = depth == 0 ? Array.Empty<PeekedMessage>() : (await client.PeekMessagesAsync(32, cancellationToken)).Value;
                return new PoisonQueue(q.Key, q.Value, depth, peeked.Select(m => Describe(m.MessageId, m.InsertedOn, m.Body)).ToList());
            }
            catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
            {
                return new PoisonQueue(q.Key, q.Value, 0, []);
            }
        }));

    /// <summary>Sends each listed message back to its source queue (or only deletes it, <paramref name="discard"/>).</summary>
    public async Task<IReadOnlyList<PoisonOutcome>> ActAsync(string queue, IReadOnlyCollection<string> ids, bool discard, CancellationToken cancellationToken)
    {
        var poison = queues.GetQueueClient(queue);
        var source = Queues()[queue];
        var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
        var outcomes = new List<PoisonOutcome>();
        var seen = new List<QueueMessage>();
        try
        {
            // Receive (peek has no pop receipt) until every listed id is found or the queue is exhausted.
            while (wanted.Count > 0)
            {
                var batch = (await poison.ReceiveMessagesAsync(32, Hold, cancellationToken)).Value;
                if (batch.Length == 0)
                {
                    break;
                }

                foreach (var message in batch)
                {
                    if (!wanted.Remove(message.MessageId))
                    {
                        seen.Add(message);
                        continue;
                    }

                    if (!discard)
                    {
                        await queues.GetQueueClient(source).SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                    }

                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    outcomes.Add(new PoisonOutcome(message.MessageId, true, null));
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            // No poison queue yet: every id is reported missing below.
        }
        finally
        {
            foreach (var other in seen)
            {
                await poison.UpdateMessageAsync(other.MessageId, other.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
        }

        outcomes.AddRange(wanted.Select(id => new PoisonOutcome(id, false, "No such message in " + queue + ".")));
        return outcomes;
    }

    private static PoisonMessage Describe(string id, DateTimeOffset? insertedOn, BinaryData body)
    {
        var bytes = body.ToMemory();
        try
        {
            return new PoisonMessage(id, insertedOn, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Span), false);
        }
        catch (DecoderFallbackException)
        {
            return new PoisonMessage(id, insertedOn, Convert.ToBase64String(bytes.Span), true);
        }
    }
}
