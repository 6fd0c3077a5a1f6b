using Azure.Core;
using Azure.Core.Pipeline;

namespace Marketplace.Shared.Storage.Blobs;

/// <summary>
/// One block blob: upload (single request or staged blocks), download (streaming or buffered), properties,
/// delete and leases. Every operation takes optional <see cref="BlobRequestConditions"/> for optimistic
/// concurrency; a failed condition is a <see cref="Azure.RequestFailedException"/> with status 412
/// (<see cref="StorageErrors.IsPreconditionFailed"/>). Thread-safe.
/// </summary>
public sealed partial class BlobClient
{
    private readonly HttpPipeline _pipeline;
    private readonly BlobContainerClient _container;

    internal BlobClient(BlobContainerClient container, string name)
    {
        _container = container;
        _pipeline = container.Pipeline;
        Name = name;
        Uri = new Uri(container.Uri.AbsoluteUri + "/" + BlobRequests.EscapeBlobName(name));
    }

    /// <summary>The blob name.</summary>
    public string Name { get; }

    /// <summary>The name of the container holding the blob.</summary>
    public string BlobContainerName => _container.Name;

    /// <summary>The blob URL.</summary>
    public Uri Uri { get; }

    internal HttpPipeline Pipeline => _pipeline;

    /// <summary>The client of the container holding this blob.</summary>
    public BlobContainerClient GetParentBlobContainerClient() => _container;

    /// <summary>A lease client for this blob; <paramref name="leaseId"/> defaults to a new GUID.</summary>
    public BlobLeaseClient GetBlobLeaseClient(string? leaseId = null) => new(this, leaseId);

    /// <summary>True when the blob exists (false also when the container does not).</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Head, Uri);
        var response = await BlobRequests.SendAsync(_pipeline, message, "Get Blob Properties", cancellationToken, 200, 404);
        return response.Status == 200;
    }

    /// <summary>Reads the blob's properties and metadata without its content.</summary>
    /// <exception cref="Azure.RequestFailedException">404 when missing; 412 (or 304 for If-None-Match) when a condition fails.</exception>
    public async Task<BlobProperties> GetPropertiesAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Head, Uri);
        BlobRequests.ApplyConditions(message.Request, conditions);
        var response = await BlobRequests.SendAsync(_pipeline, message, "Get Blob Properties", cancellationToken, 200);
        return new BlobProperties
        {
            ETag = BlobRequests.ReadETag(response),
            LastModified = BlobRequests.ReadDate(response, "Last-Modified"),
            CreatedOn = BlobRequests.ReadOptionalDate(response, "x-ms-creation-time"),
            ContentLength = response.Headers.ContentLength ?? 0,
            ContentType = response.Headers.ContentType,
            ContentEncoding = BlobRequests.ReadHeader(response, "Content-Encoding"),
            CacheControl = BlobRequests.ReadHeader(response, "Cache-Control"),
            Metadata = BlobRequests.ReadMetadata(response),
            LeaseState = BlobRequests.ParseLeaseState(BlobRequests.ReadHeader(response, "x-ms-lease-state")),
            LeaseStatus = BlobRequests.ParseLeaseStatus(BlobRequests.ReadHeader(response, "x-ms-lease-status")),
            LeaseDuration = BlobRequests.ParseLeaseDuration(BlobRequests.ReadHeader(response, "x-ms-lease-duration")),
        };
    }

    /// <summary>Deletes the blob (and its snapshots).</summary>
    /// <exception cref="Azure.RequestFailedException">404 when missing; 412 when a condition fails or the blob is leased and no matching lease id was given.</exception>
    public async Task DeleteAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDeleteMessage(conditions);
        await BlobRequests.SendAsync(_pipeline, message, "Delete Blob", cancellationToken, 202);
    }

    /// <summary>Deletes the blob if it exists. Idempotent.</summary>
    /// <returns>True when this call deleted it; false when the blob or its container did not exist.</returns>
    public async Task<bool> DeleteIfExistsAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDeleteMessage(conditions);
        var response = await BlobRequests.SendAsync(_pipeline, message, "Delete Blob", cancellationToken, 202, 404);
        return response.Status == 202;
    }

    private HttpMessage CreateDeleteMessage(BlobRequestConditions? conditions)
    {
        var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Delete, Uri);
        message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
        BlobRequests.ApplyConditions(message.Request, conditions);
        return message;
    }
}
