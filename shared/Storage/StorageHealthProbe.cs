using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Marketplace.Shared.Storage;

/// <summary>The outcome of probing one storage service.</summary>
/// <param name="Service">Which service.</param>
/// <param name="Reachable">True when the service answered the authenticated list call with 200.</param>
/// <param name="Status">HTTP status, or null when the call did not reach the service.</param>
/// <param name="ElapsedMs">How long the probe took.</param>
/// <param name="Error">Why it is not reachable (status and error code, or the transport failure), else null.</param>
public sealed record StorageProbeResult(StorageService Service, bool Reachable, int? Status, double ElapsedMs, string? Error);

/// <summary>
/// Probes Blob, Queue and Table with a cheap authenticated list call (one item, one attempt, no retries, 5 s
/// network timeout) so that a health endpoint can tell "storage down" from "credentials wrong".
/// </summary>
public sealed class StorageHealthProbe
{
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(5);
    private readonly BlobServiceClient _blobs;
    private readonly QueueServiceClient _queues;
    private readonly TableServiceClient _tables;

    public StorageHealthProbe(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _blobs = account.CreateBlobServiceClient(NoRetries(StorageAccount.CreateBlobClientOptions()));
        _queues = account.CreateQueueServiceClient(NoRetries(StorageAccount.CreateQueueClientOptions()));
        _tables = account.CreateTableServiceClient(NoRetries(new TableClientOptions()));
    }

    /// <summary>Probes the three services in parallel.</summary>
    public async Task<IReadOnlyList<StorageProbeResult>> ProbeAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(
            ProbeAsync(StorageService.Blob, ct => FirstPageAsync(_blobs.GetBlobContainersAsync(cancellationToken: ct)), cancellationToken),
            ProbeAsync(StorageService.Queue, ct => FirstPageAsync(_queues.GetQueuesAsync(cancellationToken: ct)), cancellationToken),
            ProbeAsync(StorageService.Table, ct => FirstPageAsync(_tables.QueryAsync(maxPerPage: 1, cancellationToken: ct)), cancellationToken));

    private static async Task<StorageProbeResult> ProbeAsync(StorageService service, Func<CancellationToken, Task<Response>> call, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await call(cancellationToken);
            return new StorageProbeResult(service, true, response.Status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (RequestFailedException ex) when (ex.Status != 0)
        {
            var error = $"Storage {service} probe failed with {ex.Status}" + (ex.ErrorCode is null ? string.Empty : $" ({ex.ErrorCode})") + $": {ex.Message.Split('\n')[0]}";
            return new StorageProbeResult(service, false, ex.Status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any other failure (refused, timed out) is an unreachable service, never a failed probe.
            return new StorageProbeResult(service, false, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name + ": " + ex.Message.Split('\n')[0]);
        }
    }

    private static async Task<Response> FirstPageAsync<T>(AsyncPageable<T> pageable)
        where T : notnull
    {
        await foreach (var page in pageable.AsPages(pageSizeHint: 1))
        {
            return page.GetRawResponse();
        }

        throw new InvalidOperationException("The list call returned no page.");
    }

    private static T NoRetries<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }
}
