using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Shared.Storage.Blobs;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <summary>
/// The text of a queue message: <c>{"m":{...TaskMessage...}}</c>, or <c>{"b":"blob name"}</c> when the message is
/// larger than the payload threshold (the Queue service takes about 48 KB of text).
/// </summary>
internal sealed class QueueEnvelope(BlobContainerClient payloads, int thresholdBytes)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<string> EncodeAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var text = JsonSerializer.Serialize(new Body(message, null), Json);
        if (Encoding.UTF8.GetByteCount(text) <= thresholdBytes)
        {
            return text;
        }

        var blobName = $"{message.InstanceId}/message-{Guid.NewGuid():N}";
        await payloads.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
        return JsonSerializer.Serialize(new Body(null, blobName), Json);
    }

    public async Task<TaskMessage> DecodeAsync(string text, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Deserialize<Body>(text, Json) ?? throw new JsonException("Empty queue message.");
        if (body.B is { } blobName)
        {
            var content = await payloads.GetBlobClient(blobName).DownloadContentAsync(cancellationToken: cancellationToken);
            body = JsonSerializer.Deserialize<Body>(content.Content.ToString(), Json) ?? throw new JsonException($"Empty payload blob '{blobName}'.");
        }

        return body.M ?? throw new JsonException("The queue message holds no task message.");
    }

    private sealed record Body(TaskMessage? M, string? B);
}
