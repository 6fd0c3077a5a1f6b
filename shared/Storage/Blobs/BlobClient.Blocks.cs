using System.Buffers;
using Azure.Core;

namespace Marketplace.Shared.Storage.Blobs;

public sealed partial class BlobClient
{
    /// <summary>
    /// Reads the rest of <paramref name="content"/> block by block and stages up to <paramref name="concurrency"/>
    /// blocks at once; a slot (and its pooled buffer) is taken before a block is read, so at most
    /// <paramref name="concurrency"/> buffers exist. The first failure cancels the other stagings and is rethrown.
    /// </summary>
    private async Task<BlobContentInfo> UploadInBlocksAsync(Stream content, byte[] first, int firstCount, int blockSize, int concurrency, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var uploadId = Guid.NewGuid().ToString("N");
        var blockIds = new List<string>();
        var staging = new List<Task>();
        using var slots = new SemaphoreSlim(concurrency - 1, concurrency);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var leaseId = options.Conditions?.LeaseId;
        byte[]? buffer = first;
        var count = firstCount;
        try
        {
            while (count > 0)
            {
                var blockId = BlockId(uploadId, blockIds.Count);
                blockIds.Add(blockId);
                staging.Add(StageBlockAsync(blockId, buffer, count, leaseId, slots, failed));
                buffer = null;
                await slots.WaitAsync(failed.Token);
                buffer = ArrayPool<byte>.Shared.Rent(blockSize);
                count = await content.ReadAtLeastAsync(buffer.AsMemory(0, blockSize), blockSize, throwOnEndOfStream: false, failed.Token);
            }
        }
        catch
        {
            await failed.CancelAsync();
            ReturnSlot(buffer, slots);
            await RethrowStagingFailureAsync(staging);
            throw;
        }

        ReturnSlot(buffer, slots);
        await Task.WhenAll(staging);
        return await CommitBlockListAsync(blockIds, options, cancellationToken);
    }

    private async Task StageBlockAsync(string blockId, byte[] buffer, int count, string? leaseId, SemaphoreSlim slots, CancellationTokenSource failed)
    {
        try
        {
            using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Put, Uri, ("comp", "block"), ("blockid", blockId));
            if (leaseId is not null)
            {
                message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
            }

            message.Request.Content = RequestContent.Create(new ReadOnlyMemory<byte>(buffer, 0, count));
            await BlobRequests.SendAsync(_pipeline, message, "Put Block", failed.Token, 201);
        }
        catch
        {
            await failed.CancelAsync();
            throw;
        }
        finally
        {
            ReturnSlot(buffer, slots);
        }
    }

    private static void ReturnSlot(byte[]? buffer, SemaphoreSlim slots)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            slots.Release();
        }
    }

    /// <summary>A staging failure (not the cancellations it caused) is the real cause; surface it if there is one.</summary>
    private static async Task RethrowStagingFailureAsync(List<Task> staging)
    {
        try
        {
            await Task.WhenAll(staging);
        }
        catch (OperationCanceledException)
        {
            // Stagings cancelled because of the caller's failure; the caller rethrows that failure.
        }
    }
}
