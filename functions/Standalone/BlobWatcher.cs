using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Marketplace.Functions.Hosting;

namespace Marketplace.Functions.Standalone;

/// <summary>
/// The standalone blob trigger for one function (path <c>container/prefix{name}</c>, settings resolved): lists the
/// container under the path's prefix and invokes the function once per blob version (name + ETag), also across restarts and instances, with a receipt blob per
/// version as the host keeps (<c>blobreceipts/{function}/{etag}/{container}/{name}</c>). The instance that takes the
/// receipt's lease runs the function and marks the receipt complete; a failed attempt is counted and retried on the
/// next poll, and after <see cref="BlobSourceOptions.MaxAttempts"/> the blob is reported on the
/// <c>webjobs-blobtrigger-poison</c> queue and not tried again.
/// </summary>
internal sealed partial class BlobWatcher(
    FunctionEntry function,
    string path,
    BlobServiceClient blobs,
    BlobContainerClient state,
    QueueServiceClient queues,
    BlobSourceOptions options,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger logger)
{
    public const string PoisonQueue = "webjobs-blobtrigger-poison";
    private const string CompletedKey = "completed";
    private const string AttemptsKey = "attempts";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    private readonly string _containerName = path.Split('/', 2)[0];
    private readonly string _prefix = Prefix(path);
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(path.Split('/', 2)[0]);
    private readonly ConcurrentDictionary<string, byte> _done = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken stopping, CancellationToken drain)
    {
        await state.CreateIfNotExistsAsync(cancellationToken: stopping);
        await _container.CreateIfNotExistsAsync(cancellationToken: stopping);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _prefix.Length == 0 ? null : _prefix, stopping))
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
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException or AggregateException)
            {
                LogScanFailed(ex, _containerName);
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
        var etag = item.Properties.ETag?.ToString().Trim('"') ?? string.Empty;
        var receipt = state.GetBlobClient($"blobreceipts/{function.Name}/{etag}/{_containerName}/{item.Name}");
        try
        {
            await receipt.UploadAsync(BinaryData.Empty, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { [CompletedKey] = "false", [AttemptsKey] = "0" },
            }, drain);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // The receipt exists: another attempt (here, elsewhere, or before a restart) created it.
        }

        await using var held = await BlobLeaseLock.TryAcquireAsync(receipt, LeaseDuration, cancellationToken: drain);
        if (held is null)
        {
            return false;
        }

        var metadata = (await receipt.GetPropertiesAsync(cancellationToken: drain)).Value.Metadata;
        if (metadata.TryGetValue(CompletedKey, out var completed) && completed == "true")
        {
            return true;
        }

        var attempts = metadata.TryGetValue(AttemptsKey, out var a) && int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var blob = _container.GetBlobClient(item.Name);
        if (!await blob.ExistsAsync(drain))
        {
            // Deleted since the listing.
            return true;
        }

        var bindingData = new Dictionary<string, object?> { ["name"] = item.Name[_prefix.Length..], ["BlobTrigger"] = _containerName + "/" + item.Name };
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(drain);
        var renewal = held.KeepRenewedAsync(LeaseDuration, time, ex => LogScanFailed(ex, _containerName), renewing.Token);
        Exception? failure = null;
        try
        {
            await invoker.InvokeAsync(function, await TriggerValueAsync(blob, drain), bindingData, drain);
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
        await queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        var message = System.Text.Json.JsonSerializer.Serialize(new
        {
            FunctionId = function.Name,
            BlobType = "BlockBlob",
            ContainerName = _containerName,
            BlobName = item.Name,
            ETag = item.Properties.ETag.ToString(),
        });
        await queue.SendMessageAsync(message, cancellationToken: CancellationToken.None);
        LogPoisoned(function.Name, _containerName, item.Name, options.MaxAttempts);
    }


    private static string Prefix(string path)
    {
        var parts = path.Split('/', 2);
        var blob = parts.Length > 1 ? parts[1] : string.Empty;
        var brace = blob.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? blob : blob[..brace];
    }

    private async Task<object> TriggerValueAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var type = function.TriggerParameter.ParameterType;
        if (type == typeof(BlobClient))
        {
            return blob;
        }

        var content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
        return type == typeof(BinaryData) ? content
            : type == typeof(byte[]) ? content.ToArray()
            : type == typeof(string) ? content.ToString()
            : type == typeof(Stream) ? content.ToStream()
            : throw new InvalidOperationException($"Function '{function.Name}': a blob trigger binds BlobClient, BinaryData, byte[], string or Stream, not {type.Name}.");
    }

    [LoggerMessage(60, LogLevel.Warning, "Scanning blob container {Container} failed; retrying at the next poll")]
    private partial void LogScanFailed(Exception exception, string container);


    [LoggerMessage(61, LogLevel.Error, "{FunctionName} failed {Attempts} times for blob {Container}/{BlobName}; reported to webjobs-blobtrigger-poison")]
    private partial void LogPoisoned(string functionName, string container, string blobName, int attempts);
}
