using System.Globalization;
using Azure;
using Azure.Core;

namespace Marketplace.Shared.Storage.Blobs;

/// <summary>
/// Leases on one blob (Lease Blob API). A lease gives its holder exclusive write and delete access: other
/// writers need the lease id (<see cref="BlobRequestConditions.LeaseId"/>) or get 412. Acquiring a lease that
/// someone else holds fails with 409 and <see cref="RequestFailedException.ErrorCode"/> =
/// <see cref="BlobErrorCode.LeaseAlreadyPresent"/>; acquiring again with the same id renews it. For a
/// "who runs this" lock that returns null instead of throwing, use <see cref="BlobLeaseLock"/>.
/// </summary>
public sealed class BlobLeaseClient
{
    /// <summary>Pass as the duration for a lease that never expires (until released or broken).</summary>
    public static readonly TimeSpan InfiniteLeaseDuration = TimeSpan.FromSeconds(-1);

    private readonly BlobClient _blob;

    internal BlobLeaseClient(BlobClient blob, string? leaseId)
    {
        _blob = blob;
        LeaseId = string.IsNullOrWhiteSpace(leaseId) ? Guid.NewGuid().ToString() : leaseId;
    }

    /// <summary>The lease id this client acquires, renews and releases (changed by <see cref="ChangeAsync"/>).</summary>
    public string LeaseId { get; private set; }

    /// <summary>The leased blob's URL.</summary>
    public Uri Uri => _blob.Uri;

    /// <summary>Acquires the lease for 15 to 60 seconds, or <see cref="InfiniteLeaseDuration"/>.</summary>
    /// <exception cref="RequestFailedException">409 <see cref="BlobErrorCode.LeaseAlreadyPresent"/> when another id holds it; 404 when the blob is missing.</exception>
    public Task<BlobLease> AcquireAsync(TimeSpan duration, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        if (duration != InfiniteLeaseDuration && (duration < TimeSpan.FromSeconds(15) || duration > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A blob lease lasts 15 to 60 seconds, or BlobLeaseClient.InfiniteLeaseDuration.");
        }

        return SendAsync("acquire", 201, conditions, cancellationToken, ("x-ms-lease-duration", ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)), ("x-ms-proposed-lease-id", LeaseId));
    }

    /// <summary>Restarts the lease's duration. Works after expiry as long as nobody else leased the blob meanwhile.</summary>
    /// <exception cref="RequestFailedException">409 when the lease is held under another id or was broken.</exception>
    public Task<BlobLease> RenewAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        SendAsync("renew", 200, conditions, cancellationToken, ("x-ms-lease-id", LeaseId));

    /// <summary>Releases the lease so that another client can acquire it at once.</summary>
    /// <exception cref="RequestFailedException">409 when the blob is leased under another id.</exception>
    public Task ReleaseAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        SendAsync("release", 200, conditions, cancellationToken, ("x-ms-lease-id", LeaseId));

    /// <summary>Changes the active lease's id to <paramref name="proposedId"/>; this client then uses the new id.</summary>
    public async Task<BlobLease> ChangeAsync(string proposedId, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(proposedId);
        var lease = await SendAsync("change", 200, conditions, cancellationToken, ("x-ms-lease-id", LeaseId), ("x-ms-proposed-lease-id", proposedId));
        LeaseId = proposedId;
        return lease;
    }

    /// <summary>
    /// Breaks the lease whoever holds it: it ends after <paramref name="breakPeriod"/> (0 to 60 s; default: the
    /// remaining time of a fixed lease, at once for an infinite one). <see cref="BlobLease.LeaseTime"/> says when.
    /// </summary>
    /// <exception cref="RequestFailedException">409 when there is no lease to break.</exception>
    public Task<BlobLease> BreakAsync(TimeSpan? breakPeriod = null, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        if (breakPeriod is { } period && (period < TimeSpan.Zero || period > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(breakPeriod), breakPeriod, "A lease break period is 0 to 60 seconds.");
        }

        return breakPeriod is { } seconds
            ? SendAsync("break", 202, conditions, cancellationToken, ("x-ms-lease-break-period", ((long)seconds.TotalSeconds).ToString(CultureInfo.InvariantCulture)))
            : SendAsync("break", 202, conditions, cancellationToken);
    }

    private async Task<BlobLease> SendAsync(string action, int expected, RequestConditions? conditions, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        var pipeline = _blob.Pipeline;
        using var message = BlobRequests.CreateMessage(pipeline, RequestMethod.Put, _blob.Uri, ("comp", "lease"));
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        foreach (var (name, value) in headers)
        {
            message.Request.Headers.SetValue(name, value);
        }

        BlobRequests.ApplyConditions(message.Request, conditions);
        var response = await BlobRequests.SendAsync(pipeline, message, $"Lease Blob ({action})", cancellationToken, expected);
        return new BlobLease
        {
            ETag = BlobRequests.ReadETag(response),
            LastModified = BlobRequests.ReadDate(response, "Last-Modified"),
            LeaseId = BlobRequests.ReadHeader(response, "x-ms-lease-id"),
            LeaseTime = int.TryParse(BlobRequests.ReadHeader(response, "x-ms-lease-time"), NumberStyles.None, CultureInfo.InvariantCulture, out var time) ? time : null,
        };
    }
}
