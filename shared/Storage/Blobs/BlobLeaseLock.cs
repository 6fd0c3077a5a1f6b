using Azure;

namespace Marketplace.Shared.Storage.Blobs;

/// <summary>
/// A distributed "only one runs this" lock on a blob lease, as the Functions host uses for singleton timers.
/// <see cref="TryAcquireAsync"/> creates the container and the (empty) lock blob when missing and returns null,
/// not an exception, when another holder has the lease. The holder must <see cref="RenewAsync"/> within the lease
/// duration; a lease not renewed expires and another instance may take over, so work done under the lock must be
/// safe to repeat (at-least-once). Disposing releases the lease.
/// </summary>
public sealed class BlobLeaseLock : IAsyncDisposable
{
    private readonly BlobLeaseClient _lease;
    private bool _released;

    private BlobLeaseLock(BlobClient blob, BlobLeaseClient lease, TimeSpan duration)
    {
        Blob = blob;
        _lease = lease;
        Duration = duration;
    }

    /// <summary>The lock blob.</summary>
    public BlobClient Blob { get; }

    /// <summary>The lease id held.</summary>
    public string LeaseId => _lease.LeaseId;

    /// <summary>The lease duration: 15 to 60 seconds, or <see cref="BlobLeaseClient.InfiniteLeaseDuration"/>.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// Tries to take the lease on <paramref name="blob"/>. Passing the <paramref name="leaseId"/> of a lease already
    /// held (for example a stable instance id) re-acquires it, which also renews it.
    /// </summary>
    /// <returns>The lock, or null when someone else holds the lease.</returns>
    /// <exception cref="RequestFailedException">Any other storage failure.</exception>
    public static async Task<BlobLeaseLock?> TryAcquireAsync(BlobClient blob, TimeSpan duration, string? leaseId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var lease = blob.GetBlobLeaseClient(leaseId);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
                return new BlobLeaseLock(blob, lease, duration);
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && ex.ErrorCode == BlobErrorCode.LeaseAlreadyPresent)
            {
                return null;
            }
            catch (RequestFailedException ex) when (ex.IsNotFound() && attempt == 0)
            {
                await CreateLockBlobAsync(blob, ex.ErrorCode == BlobErrorCode.ContainerNotFound, cancellationToken);
            }
        }
    }

    /// <summary>Restarts the lease duration.</summary>
    /// <exception cref="RequestFailedException">409 when the lease was lost (expired and taken, or broken): stop the guarded work.</exception>
    public Task RenewAsync(CancellationToken cancellationToken = default) => _lease.RenewAsync(cancellationToken: cancellationToken);

    /// <summary>
    /// Renews the lease every third of <paramref name="leaseDuration"/> until <paramref name="cancellationToken"/> is
    /// cancelled (returns normally) or a renewal fails (<paramref name="onLost"/> is called with the failure, then it
    /// returns): run it beside the guarded work and cancel it when the work is done.
    /// </summary>
    public async Task KeepRenewedAsync(TimeSpan leaseDuration, TimeProvider time, Action<RequestFailedException> onLost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onLost);
        while (true)
        {
            try
            {
                await Task.Delay(leaseDuration / 3, time, cancellationToken);
                await RenewAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                onLost(ex);
                return;
            }
        }
    }

    /// <summary>Releases the lease so that another instance can take it at once. Idempotent.</summary>
    /// <exception cref="RequestFailedException">409 when the blob is now leased by someone else.</exception>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (_released)
        {
            return;
        }

        await _lease.ReleaseAsync(cancellationToken: cancellationToken);
        _released = true;
    }

    /// <summary>Releases the lease; a lease already lost to someone else or a deleted blob has nothing left to release.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync();
        }
        catch (RequestFailedException ex) when (ex.IsConflict() || ex.IsNotFound())
        {
            _released = true;
        }
    }

    private static async Task CreateLockBlobAsync(BlobClient blob, bool containerMissing, CancellationToken cancellationToken)
    {
        if (containerMissing)
        {
            await blob.GetParentBlobContainerClient().CreateIfNotExistsAsync(cancellationToken);
        }

        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsConflict() || ex.IsPreconditionFailed())
        {
            // Another instance created (and perhaps leased) it first; acquiring decides who holds the lock.
        }
    }
}
