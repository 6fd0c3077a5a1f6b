using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Marketplace.Shared.Storage;

/// <summary>The outcome of probing one storage service.</summary>
/// <param name="Service">Which service.</param>
/// <param name="Reachable">True when the service answered the authenticated list call with 200.</param>
/// <param name="Status">HTTP status, or null when the call did not reach the service.</param>
/// <param name="ElapsedMs">How long the probe took.</param>
/// <param name="Error">Why it is not reachable (status and error code, or the transport failure), else null.</param>
public sealed record StorageProbeResult(StorageService Service, bool Reachable, int? Status, double ElapsedMs, string? Error);

/// <summary>
/// Probes Blob, Queue and Table with a cheap authenticated list call (one attempt, no retries) so that a
/// health endpoint can tell "storage down" from "credentials wrong".
/// </summary>
public sealed class StorageHealthProbe
{
    private readonly StorageAccount _account;
    private readonly Dictionary<StorageService, HttpPipeline> _pipelines;

    public StorageHealthProbe(StorageAccount account)
    {
        _account = account;
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        _pipelines = Enum.GetValues<StorageService>().ToDictionary(s => s, s => StoragePipeline.Create(account, s, options));
    }

    /// <summary>Probes the three services in parallel.</summary>
    public async Task<IReadOnlyList<StorageProbeResult>> ProbeAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(Enum.GetValues<StorageService>().Select(s => ProbeAsync(s, cancellationToken)));

    private async Task<StorageProbeResult> ProbeAsync(StorageService service, CancellationToken cancellationToken)
    {
        var pipeline = _pipelines[service];
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        var endpoint = _account.GetEndpoint(service);
        message.Request.Uri.Reset(service == StorageService.Table
            ? new Uri(endpoint, "Tables?$top=1")
            : new Uri(endpoint, "?comp=list&maxresults=1"));
        if (service == StorageService.Table)
        {
            message.Request.Headers.SetValue("Accept", "application/json;odata=nometadata");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await pipeline.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure (refused, timed out, retries exhausted: AggregateException) is an unreachable service, never a failed probe.
            return new StorageProbeResult(service, false, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name + ": " + ex.Message.Split('\n')[0]);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var status = message.Response.Status;
        return status == 200
            ? new StorageProbeResult(service, true, status, elapsed, null)
            : new StorageProbeResult(service, false, status, elapsed, StorageErrors.CreateException(message.Response, $"{service} probe").Message);
    }
}
