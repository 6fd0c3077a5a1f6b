using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;

namespace Marketplace.Shared.Storage.Blobs;

public sealed partial class BlobClient
{
    internal const int DefaultInitialTransferSize = 4 * 1024 * 1024;
    internal const int DefaultBlockSize = 4 * 1024 * 1024;
    internal const int DefaultConcurrency = 4;
    private const int MaxBlockSize = 1024 * 1024 * 1024; // The service allows 4000 MiB; one buffer per block keeps this lower.

    /// <summary>
    /// Uploads <paramref name="content"/> from its current position to the end, replacing the blob unless
    /// <see cref="BlobUploadOptions.Conditions"/> say otherwise (<c>IfNoneMatch = ETag.All</c>: create only;
    /// <c>IfMatch</c>: replace only that version). Content up to <see cref="StorageTransferOptions.InitialTransferSize"/>
    /// is one Put Blob; larger content is read in blocks and staged in parallel, then committed by one Put Block List,
    /// so readers see either the old blob or the whole new one, never a partial upload. The stream is read once,
    /// forwards; it need not be seekable and is never buffered whole.
    /// </summary>
    /// <exception cref="RequestFailedException">412 when a condition fails; 409 <see cref="BlobErrorCode.BlobAlreadyExists"/>
    /// for a create-only upload over an existing blob; 404 when the container is missing.</exception>
    public async Task<BlobContentInfo> UploadAsync(Stream content, BlobUploadOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        var transfer = options.TransferOptions;
        var initial = transfer.InitialTransferSize ?? DefaultInitialTransferSize;
        var blockSize = transfer.MaximumTransferSize ?? DefaultBlockSize;
        var concurrency = transfer.MaximumConcurrency ?? DefaultConcurrency;
        ArgumentOutOfRangeException.ThrowIfNegative(initial, "options.TransferOptions.InitialTransferSize");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize, "options.TransferOptions.MaximumTransferSize");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockSize, MaxBlockSize, "options.TransferOptions.MaximumTransferSize");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency, "options.TransferOptions.MaximumConcurrency");

        if (content.CanSeek && content.Length - content.Position <= initial)
        {
            // Seekable and small: send as is; Azure.Core rewinds it for retries.
            return await PutBlobAsync(RequestContent.Create(content), options, cancellationToken);
        }

        var bufferSize = Math.Max(initial, blockSize);
        var first = ArrayPool<byte>.Shared.Rent(bufferSize);
        int count;
        try
        {
            count = await content.ReadAtLeastAsync(first.AsMemory(0, bufferSize), bufferSize, throwOnEndOfStream: false, cancellationToken);
            if (count <= initial && count < bufferSize)
            {
                var result = await PutBlobAsync(RequestContent.Create(new ReadOnlyMemory<byte>(first, 0, count)), options, cancellationToken);
                ArrayPool<byte>.Shared.Return(first);
                return result;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(first);
            throw;
        }

        return await UploadInBlocksAsync(content, first, count, blockSize, concurrency, options, cancellationToken);
    }

    /// <summary>Uploads <paramref name="content"/>; see <see cref="UploadAsync(Stream, BlobUploadOptions?, CancellationToken)"/>.</summary>
    public Task<BlobContentInfo> UploadAsync(BinaryData content, BlobUploadOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return UploadAsync(content.ToStream(), options, cancellationToken);
    }

    /// <summary>
    /// Uploads <paramref name="content"/>. Without <paramref name="overwrite"/> the upload is create-only, as in the
    /// official SDK: an existing blob makes it fail with 409 <see cref="BlobErrorCode.BlobAlreadyExists"/>.
    /// </summary>
    public Task<BlobContentInfo> UploadAsync(Stream content, bool overwrite = false, CancellationToken cancellationToken = default) =>
        UploadAsync(content, OverwriteOptions(overwrite), cancellationToken);

    /// <summary>Uploads <paramref name="content"/>; create-only unless <paramref name="overwrite"/>.</summary>
    public Task<BlobContentInfo> UploadAsync(BinaryData content, bool overwrite = false, CancellationToken cancellationToken = default) =>
        UploadAsync(content, OverwriteOptions(overwrite), cancellationToken);

    private static BlobUploadOptions OverwriteOptions(bool overwrite) =>
        new() { Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All } };

    private async Task<BlobContentInfo> PutBlobAsync(RequestContent content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Put, Uri);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        BlobRequests.ApplyHttpHeaders(message.Request, options.HttpHeaders);
        BlobRequests.ApplyMetadata(message.Request, options.Metadata);
        BlobRequests.ApplyConditions(message.Request, options.Conditions);
        message.Request.Content = content;
        var response = await BlobRequests.SendAsync(_pipeline, message, "Put Blob", cancellationToken, 201);
        return BlobRequests.ReadContentInfo(response);
    }

    private async Task<BlobContentInfo> CommitBlockListAsync(IEnumerable<string> blockIds, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var body = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds)
        {
            body.Append("<Latest>").Append(id).Append("</Latest>");
        }

        body.Append("</BlockList>");
        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Put, Uri, ("comp", "blocklist"));
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        BlobRequests.ApplyHttpHeaders(message.Request, options.HttpHeaders);
        BlobRequests.ApplyMetadata(message.Request, options.Metadata);
        BlobRequests.ApplyConditions(message.Request, options.Conditions);
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToString()));
        var response = await BlobRequests.SendAsync(_pipeline, message, "Put Block List", cancellationToken, 201);
        return BlobRequests.ReadContentInfo(response);
    }

    /// <summary>Block ids are equal-length base64 strings, unique per upload so concurrent uploads cannot mix blocks.</summary>
    private static string BlockId(string uploadId, int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(uploadId + index.ToString("D8", CultureInfo.InvariantCulture)));
}
