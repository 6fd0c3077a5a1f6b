using Azure;
using Azure.Data.Tables;
using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// One creator at a time per listing. Activities run at least once and, after a worker dies, sometimes twice at the
/// same moment on two workers; a platform whose create is not keyed by SKU (Reverb) would then get two listings from
/// two "find by SKU, none, create" runs. A claim is a row in table <c>{catalog table}claims</c>, added by the creator
/// and deleted when it is done; a claim older than <see cref="Expiry"/> (its worker died) is taken over.
/// </summary>
public sealed class ListingCreateClaims(TableClient table, TimeProvider time)
{
    /// <summary>How long a claim holds without its owner deleting it.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private volatile bool _created;

    /// <summary>Waits until this caller holds the claim on <paramref name="sku"/> on <paramref name="platform"/>; dispose the result to release it.</summary>
    public Task<IAsyncDisposable> ClaimAsync(string sku, Platform platform, CancellationToken cancellationToken = default) =>
        ClaimAsync(sku, platform, null, Expiry, cancellationToken);

    /// <summary>
    /// The same for another kind of work on the listing (<paramref name="purpose"/>, e.g. <c>stock</c>: stock pushes run one at
    /// a time per listing), with its own <paramref name="expiry"/> (short work recovers sooner from a dead worker).
    /// </summary>
    public async Task<IAsyncDisposable> ClaimAsync(string sku, Platform platform, string? purpose, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }

        var key = (Partition: purpose is null ? platform.ToWire() : $"{purpose}-{platform.ToWire()}", Row: Uri.EscapeDataString(sku));
        while (true)
        {
            try
            {
                var added = await table.AddEntityAsync(new TableEntity(key.Partition, key.Row) { ["ClaimedAt"] = time.GetUtcNow() }, cancellationToken);
                return new Claim(table, key.Partition, key.Row, added.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var held = await table.GetEntityIfExistsAsync<TableEntity>(key.Partition, key.Row, cancellationToken: cancellationToken);
                if (held.HasValue && held.Value!.GetDateTimeOffset("ClaimedAt") is { } at && time.GetUtcNow() - at > expiry)
                {
                    await DeleteAsync(table, key.Partition, key.Row, held.Value.ETag, cancellationToken);
                    continue;
                }

                await Task.Delay(Poll, time, cancellationToken);
            }
        }
    }

    private static async Task DeleteAsync(TableClient table, string partition, string row, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, etag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Released or taken over by someone else meanwhile.
        }
    }

    private sealed class Claim(TableClient table, string partition, string row, ETag etag) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await DeleteAsync(table, partition, row, etag, CancellationToken.None);
    }
}
