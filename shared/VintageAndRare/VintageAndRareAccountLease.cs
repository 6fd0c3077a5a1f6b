using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Marketplace.Shared.VintageAndRare;

/// <summary>
/// A blob lease on <c>locks/{account}</c> in the Vintage &amp; Rare container: held while one operation drives the
/// dealer account, so two worker processes never fill the site's forms at once. The lease is renewed while held and
/// expires by itself (after <see cref="VintageAndRareOptions.LeaseDuration"/>) when its holder dies.
/// </summary>
internal sealed class VintageAndRareAccountLease : IAsyncDisposable
{
    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;

    private VintageAndRareAccountLease(BlobLeaseClient lease, TimeSpan duration, TimeProvider time)
    {
        _lease = lease;
        _renewals = RenewAsync(duration / 3, time, _stop.Token);
    }

    /// <summary>Waits (polling every <see cref="VintageAndRareOptions.LeaseRetryInterval"/>) until the account's lease is ours.</summary>
    /// <exception cref="VintageAndRareException">Another worker held it for longer than <see cref="VintageAndRareOptions.LeaseWait"/>.</exception>
    public static async Task<VintageAndRareAccountLease> AcquireAsync(BlobServiceClient blobs, VintageAndRareOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(options.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"locks/{options.Account}");
        try
        {
            await blob.UploadAsync(BinaryData.FromString(string.Empty), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // The lock blob exists already (and may be leased right now).
        }

        var lease = blob.GetBlobLeaseClient();
        var giveUpAt = time.GetUtcNow() + options.LeaseWait;
        while (true)
        {
            try
            {
                await lease.AcquireAsync(options.LeaseDuration, cancellationToken: cancellationToken);
                return new VintageAndRareAccountLease(lease, options.LeaseDuration, time);
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && time.GetUtcNow() < giveUpAt)
            {
                await Task.Delay(options.LeaseRetryInterval, time, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                throw new VintageAndRareException($"Another worker has driven Vintage & Rare account '{options.Account}' for longer than {options.LeaseWait}.", innerException: ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        _stop.Dispose();
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (RequestFailedException)
        {
            // Lost already (it expired): the next holder has it, nothing of ours to give back.
        }
    }

    private async Task RenewAsync(TimeSpan every, TimeProvider time, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, time, stop);
                await _lease.RenewAsync(cancellationToken: stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Released: renewals end.
        }
        catch (RequestFailedException)
        {
            // Lost (another worker took it after an expiry): the operation finishes; the release then finds nothing to give back.
        }
    }
}
