using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Storage.Blobs;

/// <summary>
/// Entry point to a storage account's Blob service (REST API version <see cref="StorageClientOptions.ServiceVersion"/>),
/// shaped after Azure.Storage.Blobs. Requests go through the shared storage pipeline: SharedKey or Entra ID
/// authentication, retries on 408/429/500/503 honouring server delays, and logging without secrets. Failures
/// surface as <see cref="Azure.RequestFailedException"/> with status and storage error code
/// (<see cref="BlobErrorCode"/>). Thread-safe; create one per account and share it.
/// </summary>
public sealed class BlobServiceClient
{
    public BlobServiceClient(StorageAccount account, StorageClientOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        Account = account;
        Pipeline = StoragePipeline.Create(account, StorageService.Blob, options ?? new StorageClientOptions(), logger);
    }

    /// <summary>The account this client talks to.</summary>
    public StorageAccount Account { get; }

    /// <summary>The Blob service endpoint.</summary>
    public Uri Uri => Account.BlobEndpoint;

    internal HttpPipeline Pipeline { get; }

    /// <summary>A client for one container; no request is made.</summary>
    /// <param name="blobContainerName">3-63 lower-case letters, digits and single hyphens.</param>
    public BlobContainerClient GetBlobContainerClient(string blobContainerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blobContainerName);
        return new BlobContainerClient(this, blobContainerName);
    }
}
