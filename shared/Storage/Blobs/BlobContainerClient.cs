using Azure.Core;
using Azure.Core.Pipeline;

namespace Marketplace.Shared.Storage.Blobs;

/// <summary>
/// One blob container: create, delete, list its blobs and hand out <see cref="BlobClient"/>s.
/// Obtain it from <see cref="BlobServiceClient.GetBlobContainerClient"/>. Thread-safe.
/// </summary>
public sealed partial class BlobContainerClient
{
    private readonly HttpPipeline _pipeline;

    internal BlobContainerClient(BlobServiceClient service, string name)
    {
        _pipeline = service.Pipeline;
        Name = name;
        Uri = new Uri(service.Uri.AbsoluteUri + Uri.EscapeDataString(name));
    }

    /// <summary>The container name.</summary>
    public string Name { get; }

    /// <summary>The container URL.</summary>
    public Uri Uri { get; }

    internal HttpPipeline Pipeline => _pipeline;

    /// <summary>A client for one blob in this container; no request is made. '/' in the name is a virtual folder separator.</summary>
    public BlobClient GetBlobClient(string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        return new BlobClient(this, blobName);
    }

    /// <summary>Creates the container (private access).</summary>
    /// <exception cref="Azure.RequestFailedException">409 <see cref="BlobErrorCode.ContainerAlreadyExists"/> when it exists.</exception>
    public async Task CreateAsync(CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Put, Uri, ("restype", "container"));
        await BlobRequests.SendAsync(_pipeline, message, "Create Container", cancellationToken, 201);
    }

    /// <summary>Creates the container unless it exists. Idempotent.</summary>
    /// <returns>True when this call created it.</returns>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Put, Uri, ("restype", "container"));
        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        return response.Status switch
        {
            201 => true,
            409 when BlobRequests.ReadHeader(response, "x-ms-error-code") == BlobErrorCode.ContainerAlreadyExists => false,
            _ => throw StorageErrors.CreateException(response, "Create Container"),
        };
    }

    /// <summary>True when the container exists.</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Head, Uri, ("restype", "container"));
        var response = await BlobRequests.SendAsync(_pipeline, message, "Get Container Properties", cancellationToken, 200, 404);
        return response.Status == 200;
    }

    /// <summary>Marks the container and all its blobs for deletion.</summary>
    /// <exception cref="Azure.RequestFailedException">404 when it does not exist, 412 when a condition fails.</exception>
    public async Task DeleteAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Delete, Uri, ("restype", "container"));
        BlobRequests.ApplyConditions(message.Request, conditions);
        await BlobRequests.SendAsync(_pipeline, message, "Delete Container", cancellationToken, 202);
    }

    /// <summary>Deletes the container if it exists. Idempotent.</summary>
    /// <returns>True when this call deleted it.</returns>
    public async Task<bool> DeleteIfExistsAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Delete, Uri, ("restype", "container"));
        BlobRequests.ApplyConditions(message.Request, conditions);
        var response = await BlobRequests.SendAsync(_pipeline, message, "Delete Container", cancellationToken, 202, 404);
        return response.Status == 202;
    }

    /// <summary>Uploads a new blob; fails with 409 <see cref="BlobErrorCode.BlobAlreadyExists"/> if it exists (as the official SDK).</summary>
    public Task<BlobContentInfo> UploadBlobAsync(string blobName, Stream content, CancellationToken cancellationToken = default) =>
        GetBlobClient(blobName).UploadAsync(content, overwrite: false, cancellationToken);

    /// <summary>Uploads a new blob; fails with 409 <see cref="BlobErrorCode.BlobAlreadyExists"/> if it exists (as the official SDK).</summary>
    public Task<BlobContentInfo> UploadBlobAsync(string blobName, BinaryData content, CancellationToken cancellationToken = default) =>
        GetBlobClient(blobName).UploadAsync(content, overwrite: false, cancellationToken);

    /// <summary>Deletes a blob if it exists; see <see cref="BlobClient.DeleteIfExistsAsync"/>.</summary>
    public Task<bool> DeleteBlobIfExistsAsync(string blobName, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        GetBlobClient(blobName).DeleteIfExistsAsync(conditions, cancellationToken);
}
