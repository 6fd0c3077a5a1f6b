using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync;

/// <summary>Settings of the sync workflows (section <c>Sync</c>).</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>Retries of a platform call (the connectors already retry throttling inside one call); waits are durable timers. Default 8 attempts, 1 s doubling to 2 min.</summary>
    public RetryPolicy PlatformRetry { get; set; } = new(8, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(2));

    /// <summary>Retries of catalog writes (storage hiccups). Default 5 attempts, 0.5 s doubling to 10 s.</summary>
    public RetryPolicy StorageRetry { get; set; } = new(5, TimeSpan.FromMilliseconds(500), 2, TimeSpan.FromSeconds(10));

    /// <summary>
    /// Rounds of a sale's (or return's) ledger step after <see cref="StorageRetry"/> gave up (a storage outage longer than
    /// its retries): the workflow waits on a durable timer, visible in its custom status, then tries again. Default 6
    /// rounds, 15 s doubling to 10 min (about 30 minutes in all); after the last it fails, and a redelivery or poll restarts it.
    /// </summary>
    public RetryPolicy SaleRetry { get; set; } = new(6, TimeSpan.FromSeconds(15), 2, TimeSpan.FromMinutes(10));

    /// <summary>
    /// <see cref="PlatformRetry"/> for activities, except that a platform's permanent refusal
    /// (<see cref="PlatformRejectedException"/>: validation, auth, quota) is not retried.
    /// </summary>
    internal TaskOptions PlatformTaskOptions() => TaskOptions.FromRetryPolicy(new RetryPolicy(PlatformRetry.MaxNumberOfAttempts, PlatformRetry.FirstRetryInterval,
        PlatformRetry.BackoffCoefficient, PlatformRetry.MaxRetryInterval, PlatformRetry.RetryTimeout)
    {
        // By name: the exception is sealed, and IsCausedBy throws AmbiguousMatchException for types forwarded by several
        // assemblies (HttpRequestException), which would end the retries of exactly the failures that need them.
        HandleFailure = failure => failure.ErrorType != typeof(PlatformRejectedException).FullName,
    });

    /// <summary>A full-sync page with at least this many Shopify changes uses one bulk import instead of per-product mutations (<c>Sync:ShopifyBulkThreshold</c>). Default 50.</summary>
    public int ShopifyBulkThreshold { get; set; } = 50;

    /// <summary>
    /// A full sync pushes each platform's listings of a page in chunks of this many per activity call
    /// (<c>Sync:PushChunkSize</c>; 1 = one activity per listing). Default 25: a page of 100 products on two per-item
    /// platforms costs 8 activities instead of 200, which is most of a page's time on the Durable Task runtime.
    /// </summary>
    public int PushChunkSize { get; set; } = 25;

    /// <summary>Pushes of one chunk in flight at a time (<c>Sync:PushChunkConcurrency</c>). Default 8.</summary>
    public int PushChunkConcurrency { get; set; } = 8;

    /// <summary>Public base URL of product image blobs (<c>Sync:ImageBaseUrl</c>); required to push products with images.</summary>
    public Uri? ImageBaseUrl { get; set; }

    /// <summary>How often the worker dispatches the catalog outbox (<c>Sync:OutboxPollInterval</c>). Default 5 s.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
