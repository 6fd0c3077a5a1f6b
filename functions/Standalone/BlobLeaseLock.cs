using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Marketplace.Functions.Standalone;

/// <summary>
/// "Only one instance runs this", on a blob lease as the Functions host keeps singleton timers and blob receipts.
/// <see cref="TryAcquireAsync"/> creates the container and the empty lock blob when missing and returns null when
/// another holder has the lease. A lease not renewed expires and another instance may take over, so the guarded work
/// must be safe to repeat. Disposing releases the lease.
/// </summary>
internal sealed class BlobLeaseLock : IAsyncDisposable
{
    private readonly BlobLeaseClient _lease;
    private bool _released;

    private BlobLeaseLock(BlobLeaseClient lease) => _lease = lease;

    public string LeaseId => _lease.LeaseId;

    /// <summary>Takes the lease (re-acquiring, hence renewing, one already held under <paramref name="leaseId"/>); null when someone else holds it.</summary>
    public static async Task<BlobLeaseLock?> TryAcquireAsync(BlobClient blob, TimeSpan duration, string? leaseId = null, CancellationToken cancellationToken = default)
    {
        var lease = blob.GetBlobLeaseClient(leaseId);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
                return new BlobLeaseLock(lease);
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && ex.ErrorCode == BlobErrorCode.LeaseAlreadyPresent)
            {
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && attempt == 0)
            {
                if (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
                {
                    await blob.GetParentBlobContainerClient().CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                }

                await CreateLockBlobAsync(blob, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Renews the lease every third of <paramref name="duration"/> until cancelled (returns normally) or a renewal
    /// fails (<paramref name="onLost"/> gets the failure, then it returns): run it beside the guarded work.
    /// </summary>
    public async Task KeepRenewedAsync(TimeSpan duration, TimeProvider time, Action<RequestFailedException> onLost, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(duration / 3, time, cancellationToken);
                await _lease.RenewAsync(cancellationToken: cancellationToken);
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

    /// <summary>Releases the lease; one already lost to someone else, or a deleted blob, has nothing left to release.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409)
        {
            // Lost or gone: nothing to release.
        }
    }

    private static async Task CreateLockBlobAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another instance created (and perhaps leased) it first; acquiring decides who holds the lock.
        }
    }
}
