using Azure;

namespace Marketplace.Shared.Storage.Blobs;

/// <summary>
/// Conditions on a blob request, sent as <c>If-Match</c>, <c>If-None-Match</c>, <c>If-Modified-Since</c>,
/// <c>If-Unmodified-Since</c> and <c>x-ms-lease-id</c>. When a condition does not hold the service answers
/// 412 (<see cref="StorageErrors.IsPreconditionFailed"/>), or 409 <c>BlobAlreadyExists</c> for
/// <c>If-None-Match: *</c> on an upload over an existing blob.
/// </summary>
public sealed class BlobRequestConditions : RequestConditions
{
    /// <summary>The active lease on the blob; required for writes (and deletes) while the blob is leased.</summary>
    public string? LeaseId { get; set; }
}

/// <summary>Standard HTTP properties stored with a blob and returned on download.</summary>
public sealed class BlobHttpHeaders
{
    /// <summary>MIME type; the service defaults to <c>application/octet-stream</c>.</summary>
    public string? ContentType { get; set; }

    public string? ContentEncoding { get; set; }

    public string? ContentLanguage { get; set; }

    public string? ContentDisposition { get; set; }

    public string? CacheControl { get; set; }
}

/// <summary>
/// How an upload is split. Content up to <see cref="InitialTransferSize"/> goes in one Put Blob request;
/// larger content is staged as blocks of <see cref="MaximumTransferSize"/> bytes, at most
/// <see cref="MaximumConcurrency"/> in flight, and committed with one Put Block List. Memory held by an upload
/// is bounded by <c>MaximumConcurrency × MaximumTransferSize</c> (pooled buffers), whatever the content length.
/// </summary>
public struct StorageTransferOptions : IEquatable<StorageTransferOptions>
{
    /// <summary>Single-request threshold; default 4 MiB.</summary>
    public int? InitialTransferSize { get; set; }

    /// <summary>Block size; default 4 MiB, at most 1 GiB.</summary>
    public int? MaximumTransferSize { get; set; }

    /// <summary>Blocks staged in parallel; default 4.</summary>
    public int? MaximumConcurrency { get; set; }

    public readonly bool Equals(StorageTransferOptions other) =>
        InitialTransferSize == other.InitialTransferSize && MaximumTransferSize == other.MaximumTransferSize && MaximumConcurrency == other.MaximumConcurrency;

    public override readonly bool Equals(object? obj) => obj is StorageTransferOptions other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(InitialTransferSize, MaximumTransferSize, MaximumConcurrency);

    public static bool operator ==(StorageTransferOptions left, StorageTransferOptions right) => left.Equals(right);

    public static bool operator !=(StorageTransferOptions left, StorageTransferOptions right) => !left.Equals(right);
}

/// <summary>Options for <see cref="BlobClient.UploadAsync(Stream, BlobUploadOptions?, CancellationToken)"/>.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>Content type and the other standard properties.</summary>
    public BlobHttpHeaders? HttpHeaders { get; set; }

    /// <summary>User metadata, sent as <c>x-ms-meta-{name}</c>; names must be valid C# identifiers, values ASCII.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>
    /// Conditions checked when the blob is written (for block uploads: at commit). Without conditions an existing
    /// blob is overwritten; <c>IfNoneMatch = ETag.All</c> makes the upload create-only.
    /// </summary>
    public BlobRequestConditions? Conditions { get; set; }

    /// <summary>How the content is split into requests.</summary>
    public StorageTransferOptions TransferOptions { get; set; }
}

/// <summary>Options for downloads.</summary>
public sealed class BlobDownloadOptions
{
    /// <summary>A byte range (sent as <c>x-ms-range</c>); the default is the whole blob.</summary>
    public HttpRange Range { get; set; }

    /// <summary>Conditions on the read, e.g. <c>IfMatch</c> to read exactly the version seen before.</summary>
    public BlobRequestConditions? Conditions { get; set; }
}
