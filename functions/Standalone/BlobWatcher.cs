using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Marketplace.Functions.Catalog;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Blobs;

namespace Marketplace.Functions.Standalone;

/// <summary>
/// The standalone blob trigger for one function: lists the container under the path's prefix and invokes the
/// function once per blob version (name + ETag), also across restarts and instances, with a receipt blob per
/// version as the host keeps (<c>blobreceipts/{function}/{etag}/{container}/{name}</c>). The instance that takes the
/// receipt's lease runs the function and marks the receipt complete; a failed attempt is counted and retried on the
/// next poll, and after <see cref="BlobSourceOptions.MaxAttempts"/> the blob is reported on the
/// <c>webjobs-blobtrigger-poison</c> queue and not tried again.
/// </summary>
internal sealed partial class BlobWatcher(
    FunctionDefinition definition,
    BlobTrigger trigger,
    BlobServiceClient blobs,
    BlobContainerClient state,
    Shared.Storage.Queues.QueueServiceClient queues,
    BlobSourceOptions options,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger logger)
{
    public const string PoisonQueue = "webjobs-blobtrigger-poison";
    private const string CompletedKey = "completed";
    private const string AttemptsKey = "attempts";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(trigger.Container);
    private readonly ConcurrentDictionary<string, byte> _done = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken stopping, CancellationToken drain)
    {
        await state.CreateIfNotExistsAsync(stopping);
        await _container.CreateIfNotExistsAsync(stopping);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (var item in _container.GetBlobsAsync(trigger.Prefix.Length == 0 ? null : trigger.Prefix, cancellationToken: stopping))
                {
                    var key = item.Name + "\n" + item.Properties.ETag;
                    if (!_done.ContainsKey(key) && await TryProcessAsync(item, drain))
                    {
                        _done.TryAdd(key, 0);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException ex)
            {
                LogScanFailed(ex, trigger.Container);
            }

            try
            {
                await Task.Delay(options.PollingInterval, time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>True when this version needs nothing more from this instance (done here or elsewhere).</summary>
    private async Task<bool> TryProcessAsync(BlobItem item, CancellationToken drain)
    {
        var etag = item.Properties.ETag.ToString().Trim('"');
        var receipt = state.GetBlobClient($"blobreceipts/{definition.Name}/{etag}/{trigger.Container}/{item.Name}");
        try
        {
            await receipt.UploadAsync(BinaryData.Empty, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { [CompletedKey] = "false", [AttemptsKey] = "0" },
            }, drain);
        }
        catch (RequestFailedException ex) when (ex.IsConflict() || ex.IsPreconditionFailed())
        {
            // The receipt exists: another attempt (here, elsewhere, or before a restart) created it.
        }

        await using var held = await BlobLeaseLock.TryAcquireAsync(receipt, LeaseDuration, cancellationToken: drain);
        if (held is null)
        {
            return false;
        }

        var metadata = (await receipt.GetPropertiesAsync(cancellationToken: drain)).Metadata;
        if (metadata.TryGetValue(CompletedKey, out var completed) && completed == "true")
        {
            return true;
        }

        var attempts = metadata.TryGetValue(AttemptsKey, out var a) && int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        byte[] content;
        try
        {
            var download = await _container.GetBlobClient(item.Name).DownloadContentAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = item.Properties.ETag } }, drain);
            content = download.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.IsNotFound() || ex.IsPreconditionFailed())
        {
            // Deleted or replaced since the listing: the new version (if any) has its own receipt.
            return true;
        }

        var input = new BlobTriggerInput(trigger.Container, item.Name, content, item.Properties.ETag.ToString(), _container.GetBlobClient(item.Name).Uri);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(drain);
        var renewal = held.KeepRenewedAsync(LeaseDuration, time, ex => LogScanFailed(ex, trigger.Container), renewing.Token);
        Exception? failure = null;
        try
        {
            await invoker.InvokeAsync<IBlobFunction>(definition, null, (h, ct) => h.HandleAsync(input, ct), drain);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }

        if (failure is OperationCanceledException && drain.IsCancellationRequested)
        {
            return false;
        }

        attempts += failure is null ? 0 : 1;
        var giveUp = failure is not null && attempts >= options.MaxAttempts;
        if (giveUp)
        {
            await ReportPoisonAsync(item);
        }

        await receipt.UploadAsync(BinaryData.Empty, new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { LeaseId = held.LeaseId },
            Metadata = new Dictionary<string, string>
            {
                [CompletedKey] = failure is null || giveUp ? "true" : "false",
                [AttemptsKey] = attempts.ToString(CultureInfo.InvariantCulture),
            },
        }, CancellationToken.None);
        return failure is null || giveUp;
    }

    private async Task ReportPoisonAsync(BlobItem item)
    {
        var queue = queues.GetQueueClient(PoisonQueue);
        await queue.CreateIfNotExistsAsync(CancellationToken.None);
        var message = System.Text.Json.JsonSerializer.Serialize(new
        {
            FunctionId = definition.Name,
            BlobType = "BlockBlob",
            ContainerName = trigger.Container,
            BlobName = item.Name,
            ETag = item.Properties.ETag.ToString(),
        });
        await queue.SendMessageAsync(message, cancellationToken: CancellationToken.None);
        LogPoisoned(definition.Name, trigger.Container, item.Name, options.MaxAttempts);
    }


    [LoggerMessage(60, LogLevel.Warning, "Scanning blob container {Container} failed; retrying at the next poll")]
    private partial void LogScanFailed(Exception exception, string container);

    [LoggerMessage(61, LogLevel.Error, "{FunctionName} failed {Attempts} times for blob {Container}/{BlobName}; reported to webjobs-blobtrigger-poison")]
    private partial void LogPoisoned(string functionName, string container, string blobName, int attempts);
}
