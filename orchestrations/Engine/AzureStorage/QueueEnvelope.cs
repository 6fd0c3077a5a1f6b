using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Shared.Storage.Blobs;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <summary>
/// The text of a queue message: a batch of task messages, <c>{"m":[...]}</c>, or <c>{"b":"blob name"}</c> when one
/// message alone is larger than the payload threshold (the Queue service takes about 48 KB of text). Batching
/// several messages per queue message cuts queue operations per activity, which bound throughput.
/// </summary>
internal sealed class QueueEnvelope(BlobContainerClient payloads, int thresholdBytes)
{
    /// <summary>At most this many task messages share one queue message.</summary>
    public const int MaxBatch = 50;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Packs <paramref name="messages"/> (in order) into as few queue message texts as the limits allow.</summary>
    public async Task<List<string>> EncodeAsync(IEnumerable<TaskMessage> messages, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        var batch = new List<string>();
        var size = 0;
        foreach (var message in messages)
        {
            var json = JsonSerializer.Serialize(message, Json);
            var bytes = Encoding.UTF8.GetByteCount(json);
            if (bytes + 16 > thresholdBytes)
            {
                var blobName = $"{message.InstanceId}/message-{Guid.NewGuid():N}";
                await payloads.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(Wrap([json])), overwrite: true, cancellationToken);
                texts.Add(JsonSerializer.Serialize(new Body(null, blobName), Json));
                continue;
            }

            if (batch.Count == MaxBatch || size + bytes + 16 > thresholdBytes)
            {
                texts.Add(Wrap(batch));
                batch.Clear();
                size = 0;
            }

            batch.Add(json);
            size += bytes + 1;
        }

        if (batch.Count > 0)
        {
            texts.Add(Wrap(batch));
        }

        return texts;
    }

    public async Task<string> EncodeOneAsync(TaskMessage message, CancellationToken cancellationToken) => (await EncodeAsync([message], cancellationToken))[0];

    public async Task<IReadOnlyList<TaskMessage>> DecodeAsync(string text, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Deserialize<Body>(text, Json) ?? throw new JsonException("Empty queue message.");
        if (body.B is { } blobName)
        {
            var content = await payloads.GetBlobClient(blobName).DownloadContentAsync(cancellationToken: cancellationToken);
            body = JsonSerializer.Deserialize<Body>(content.Content.ToString(), Json) ?? throw new JsonException($"Empty payload blob '{blobName}'.");
        }

        return body.M is { Count: > 0 } messages ? messages : throw new JsonException("The queue message holds no task message.");
    }

    private static string Wrap(List<string> jsons) => "{\"m\":[" + string.Join(",", jsons) + "]}";

    private sealed record Body(List<TaskMessage>? M, string? B);
}
