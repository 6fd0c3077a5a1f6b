using Azure;

namespace Marketplace.Shared.Storage.Blobs;

/// <summary>The outcome of a successful write: the blob's new ETag and modification time.</summary>
public sealed class BlobContentInfo
{
    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }
}

/// <summary>A blob's properties and metadata as returned by Get Blob Properties.</summary>
public sealed class BlobProperties
{
    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }

    public long ContentLength { get; init; }

    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    public string? CacheControl { get; init; }

    /// <summary>User metadata; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public LeaseState? LeaseState { get; init; }

    public LeaseStatus? LeaseStatus { get; init; }

    public LeaseDurationType? LeaseDuration { get; init; }
}

/// <summary>What a download response says about the blob (for a range read, ContentLength is the range's).</summary>
public sealed class BlobDownloadDetails
{
    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }

    public long ContentLength { get; init; }

    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    /// <summary>The <c>Content-Range</c> of a range read, else null.</summary>
    public string? ContentRange { get; init; }

    /// <summary>User metadata; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// A download whose <see cref="Content"/> streams from the network as it is read (not buffered). Dispose it
/// (or the stream) to free the connection.
/// </summary>
public sealed class BlobDownloadStreamingResult(Stream content, BlobDownloadDetails details) : IDisposable
{
    public Stream Content { get; } = content;

    public BlobDownloadDetails Details { get; } = details;

    public void Dispose() => Content.Dispose();
}

/// <summary>A download buffered in memory.</summary>
public sealed class BlobDownloadResult(BinaryData content, BlobDownloadDetails details)
{
    public BinaryData Content { get; } = content;

    public BlobDownloadDetails Details { get; } = details;
}

/// <summary>One entry of a container listing.</summary>
public sealed class BlobItem
{
    public required string Name { get; init; }

    public required BlobItemProperties Properties { get; init; }

    /// <summary>User metadata (listings ask for it); names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

/// <summary>The properties a listing reports for a blob.</summary>
public sealed class BlobItemProperties
{
    public ETag ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }

    public long? ContentLength { get; init; }

    public string? ContentType { get; init; }

    public LeaseState? LeaseState { get; init; }
}

/// <summary>A lease as returned by acquire, renew, change and break.</summary>
public sealed class BlobLease
{
    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }

    /// <summary>The lease id (null after a break).</summary>
    public string? LeaseId { get; init; }

    /// <summary>Seconds until a broken lease ends (break only).</summary>
    public int? LeaseTime { get; init; }
}

/// <summary>Lease state of a blob (<c>x-ms-lease-state</c>).</summary>
public enum LeaseState
{
    Available,
    Leased,
    Expired,
    Breaking,
    Broken,
}

/// <summary>Lease status of a blob (<c>x-ms-lease-status</c>).</summary>
public enum LeaseStatus
{
    Locked,
    Unlocked,
}

/// <summary>Whether a lease is infinite or fixed (<c>x-ms-lease-duration</c>).</summary>
public enum LeaseDurationType
{
    Infinite,
    Fixed,
}

/// <summary>Storage error codes the Blob service returns in <c>x-ms-error-code</c>, for comparing with <see cref="RequestFailedException.ErrorCode"/>.</summary>
public static class BlobErrorCode
{
    public const string BlobAlreadyExists = "BlobAlreadyExists";
    public const string BlobNotFound = "BlobNotFound";
    public const string ConditionNotMet = "ConditionNotMet";
    public const string ContainerAlreadyExists = "ContainerAlreadyExists";
    public const string ContainerBeingDeleted = "ContainerBeingDeleted";
    public const string ContainerNotFound = "ContainerNotFound";
    public const string LeaseAlreadyPresent = "LeaseAlreadyPresent";
    public const string LeaseIdMismatchWithLeaseOperation = "LeaseIdMismatchWithLeaseOperation";
    public const string LeaseIdMissing = "LeaseIdMissing";
    public const string LeaseLost = "LeaseLost";
    public const string LeaseNotPresentWithLeaseOperation = "LeaseNotPresentWithLeaseOperation";
    public const string LeaseNotPresentWithBlobOperation = "LeaseNotPresentWithBlobOperation";
    public const string LeaseIdMismatchWithBlobOperation = "LeaseIdMismatchWithBlobOperation";
}
