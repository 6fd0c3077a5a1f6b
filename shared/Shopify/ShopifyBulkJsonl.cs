using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>One staged-upload file of bulk <c>productSet</c> variables, written to a temporary file.</summary>
/// <param name="Path">The temporary file (the caller deletes it).</param>
/// <param name="Skus">The SKU of each line, by zero-based line number (results come back keyed by <c>__lineNumber</c>).</param>
/// <param name="Bytes">File size.</param>
public sealed record ShopifyJsonlChunk(string Path, IReadOnlyList<string> Skus, long Bytes);

/// <summary>
/// Streams listing drafts into JSONL files of <c>productSet</c> variables (one <c>{"input":..,"identifier":..}</c> per
/// line), each under a size limit. Memory holds one line and the chunk's SKU list, never the catalog.
/// </summary>
public static class ShopifyBulkJsonl
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes the drafts and yields each file as soon as it is closed.</summary>
    /// <exception cref="ShopifyException">A single draft is larger than <paramref name="limitBytes"/>.</exception>
    public static async IAsyncEnumerable<ShopifyJsonlChunk> WriteChunksAsync(
        IAsyncEnumerable<ListingDraft> drafts,
        long limitBytes,
        string? locationId = null,
        string? directory = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var line = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(line);
        FileStream? file = null;
        List<string> skus = [];
        try
        {
            await foreach (var draft in drafts.WithCancellation(cancellationToken))
            {
                line.ResetWrittenCount();
                writer.Reset(line);
                writer.WriteStartObject();
                ShopifyProductMapper.WriteProductSetVariables(writer, draft, productId: null, locationId);
                writer.WriteEndObject();
                writer.Flush();
                var size = line.WrittenCount + 1;
                if (size > limitBytes)
                {
                    throw new ShopifyException($"The bulk variables of SKU '{draft.Sku}' take {size} bytes, more than the upload limit of {limitBytes} bytes.");
                }

                if (file is not null && file.Length + size > limitBytes)
                {
                    yield return await CloseAsync(file, skus);
                    file = null;
                    skus = [];
                }

                file ??= Create(directory);
                await file.WriteAsync(line.WrittenMemory, cancellationToken);
                await file.WriteAsync(NewLine, cancellationToken);
                skus.Add(draft.Sku);
            }

            if (file is not null)
            {
                yield return await CloseAsync(file, skus);
                file = null;
            }
        }
        finally
        {
            if (file is not null)
            {
                var path = file.Name;
                await file.DisposeAsync();
                File.Delete(path);
            }
        }
    }

    private static FileStream Create(string? directory)
    {
        var path = System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"shopify-bulk-{Guid.NewGuid():N}.jsonl");
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
    }

    private static async Task<ShopifyJsonlChunk> CloseAsync(FileStream file, List<string> skus)
    {
        await file.FlushAsync();
        var chunk = new ShopifyJsonlChunk(file.Name, skus, file.Length);
        await file.DisposeAsync();
        return chunk;
    }
}
