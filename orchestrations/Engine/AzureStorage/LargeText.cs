using System.Text;
using Marketplace.Shared.Storage.Blobs;
using Marketplace.Shared.Storage.Tables;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <summary>
/// Stores text in table entities: up to the payload threshold inline, split over properties
/// <c>Name</c>, <c>Name_1</c>, ... of at most 30,000 characters (the Table service limits a string property to
/// 64 KiB of UTF-16); above it in a blob whose name is kept in <c>Name_blob</c>.
/// </summary>
internal sealed class LargeText(BlobContainerClient payloads, int thresholdBytes)
{
    private const int PropertyChars = 30_000;

    public async Task SetAsync(TableEntity entity, string property, string? text, string blobName, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return;
        }

        if (Encoding.UTF8.GetByteCount(text) > thresholdBytes)
        {
            await payloads.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
            entity[property] = string.Empty;
            entity[property + "_blob"] = blobName;
            return;
        }

        SetInline(entity, property, text);
        entity[property + "_blob"] = string.Empty;
    }

    /// <summary>Stores <paramref name="text"/> inline (split over properties) whatever its size; the caller bounds it.</summary>
    public static void SetInline(TableEntity entity, string property, string text)
    {
        var parts = 0;
        for (var offset = 0; offset < text.Length || parts == 0; offset += PropertyChars, parts++)
        {
            entity[parts == 0 ? property : $"{property}_{parts}"] = text.Substring(offset, Math.Min(PropertyChars, text.Length - offset));
        }

        entity[property + "_parts"] = parts;
    }

    public async Task<string?> GetAsync(TableEntity entity, string property, CancellationToken cancellationToken)
    {
        if (entity.GetString(property + "_blob") is { Length: > 0 } blobName)
        {
            return (await payloads.GetBlobClient(blobName).DownloadContentAsync(cancellationToken: cancellationToken)).Content.ToString();
        }

        if (entity.GetString(property) is not { } first)
        {
            return null;
        }

        var builder = new StringBuilder(first);
        var parts = entity.GetInt32(property + "_parts") ?? 1;
        for (var part = 1; part < parts; part++)
        {
            builder.Append(entity.GetString($"{property}_{part}"));
        }

        return builder.ToString();
    }

    public async Task<string> GetBlobTextAsync(string blobName, CancellationToken cancellationToken) =>
        (await payloads.GetBlobClient(blobName).DownloadContentAsync(cancellationToken: cancellationToken)).Content.ToString();

    public Task UploadBlobTextAsync(string blobName, string text, CancellationToken cancellationToken) =>
        payloads.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);

    /// <summary>Approximate bytes the text adds to a transaction.</summary>
    public static int Size(TableEntity entity) => entity.Values.Sum(v => v is string s ? s.Length * 2 : 16) + 200;
}
