using Azure;
using Azure.Core;

namespace Marketplace.Shared.Storage.Blobs;

public sealed partial class BlobClient
{
    /// <summary>
    /// Starts a download and returns as soon as the headers arrive: <see cref="BlobDownloadStreamingResult.Content"/>
    /// reads from the network as it is consumed, so memory stays flat whatever the blob size. Dispose the result.
    /// A connection that drops mid-stream surfaces as an <see cref="IOException"/> from the stream (no resume);
    /// pass <see cref="BlobDownloadOptions.Conditions"/> with <c>IfMatch</c> and a range to resume a specific version.
    /// </summary>
    /// <exception cref="RequestFailedException">404 when missing; 412 (or 304 for If-None-Match) when a condition fails.</exception>
    public async Task<BlobDownloadStreamingResult> DownloadStreamingAsync(BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDownloadMessage(options);
        message.BufferResponse = false;
        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status is not (200 or 206))
        {
            // Unbuffered: read the (small) error body so that the exception carries the service's message.
            if (response.ContentStream is { } errorStream)
            {
                var buffered = new MemoryStream();
                await errorStream.CopyToAsync(buffered, cancellationToken);
                response.ContentStream = buffered;
            }

            throw StorageErrors.CreateException(response, "Get Blob");
        }

        var details = ReadDownloadDetails(response);
        return new BlobDownloadStreamingResult(message.ExtractResponseContent() ?? Stream.Null, details);
    }

    /// <summary>Downloads the blob (or range) into memory. For large blobs use <see cref="DownloadStreamingAsync"/>.</summary>
    /// <exception cref="RequestFailedException">404 when missing; 412 (or 304 for If-None-Match) when a condition fails.</exception>
    public async Task<BlobDownloadResult> DownloadContentAsync(BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDownloadMessage(options);
        var response = await BlobRequests.SendAsync(_pipeline, message, "Get Blob", cancellationToken, 200, 206);
        return new BlobDownloadResult(response.Content, ReadDownloadDetails(response));
    }

    /// <summary>Streams the blob into <paramref name="destination"/> without buffering it whole.</summary>
    public async Task<BlobDownloadDetails> DownloadToAsync(Stream destination, BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var result = await DownloadStreamingAsync(options, cancellationToken);
        await result.Content.CopyToAsync(destination, cancellationToken);
        return result.Details;
    }

    private HttpMessage CreateDownloadMessage(BlobDownloadOptions? options)
    {
        var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Get, Uri);
        if (options is not null && options.Range != default)
        {
            message.Request.Headers.SetValue("x-ms-range", options.Range.ToString());
        }

        BlobRequests.ApplyConditions(message.Request, options?.Conditions);
        return message;
    }

    private static BlobDownloadDetails ReadDownloadDetails(Response response) => new()
    {
        ETag = BlobRequests.ReadETag(response),
        LastModified = BlobRequests.ReadDate(response, "Last-Modified"),
        ContentLength = response.Headers.ContentLength ?? 0,
        ContentType = response.Headers.ContentType,
        ContentEncoding = BlobRequests.ReadHeader(response, "Content-Encoding"),
        ContentRange = BlobRequests.ReadHeader(response, "Content-Range"),
        Metadata = BlobRequests.ReadMetadata(response),
    };
}
