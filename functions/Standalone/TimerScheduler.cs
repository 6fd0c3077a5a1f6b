using System.Text.Json;
using Azure;
using Marketplace.Functions.Catalog;
using Marketplace.Functions.Timers;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Blobs;

namespace Marketplace.Functions.Standalone;

/// <summary>
/// The standalone timer trigger for one function, a singleton across instances like the host's: the schedule
/// status (<c>Last</c>, <c>Next</c>, <c>LastUpdated</c>) lives in a blob; when an occurrence is due, the instance that
/// takes the lease on the function's lock blob re-reads the status, fires if the occurrence is still pending, and
/// advances the status before releasing; the others see the advanced status and wait for the next occurrence.
/// An occurrence found already past when the app starts (it was down) fires once, flagged past due; occurrences
/// missed in between are not replayed. A failing invocation is not retried (the host's behaviour).
/// </summary>
internal sealed partial class TimerScheduler(
    FunctionDefinition definition,
    CronSchedule schedule,
    BlobContainerClient state,
    TimerSourceOptions options,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobClient _status = state.GetBlobClient($"timers/{definition.Name}/status");
    private readonly BlobClient _lock = state.GetBlobClient($"timers/{definition.Name}/lock");
    private readonly string _instanceLease = Guid.NewGuid().ToString();

    public async Task RunAsync(CancellationToken stopping)
    {
        await state.CreateIfNotExistsAsync(stopping);
        while (!stopping.IsCancellationRequested)
        {
            var (status, _) = await ReadStatusAsync(stopping);
            var now = time.GetUtcNow();
            if (status is null)
            {
                await TryWriteStatusAsync(new ScheduleStatus(DateTimeOffset.MinValue, Next(now), now), ETag.All, stopping);
                continue;
            }

            if (status.Next > now)
            {
                await Task.Delay(Min(status.Next - now, TimeSpan.FromMinutes(5)), time, stopping);
                continue;
            }

            await using var held = await BlobLeaseLock.TryAcquireAsync(_lock, LeaseDuration, _instanceLease, stopping);
            if (held is null)
            {
                await Task.Delay(options.ContendedPollInterval, time, stopping);
                continue;
            }

            await FireIfPendingAsync(held, stopping);
        }
    }

    private async Task FireIfPendingAsync(BlobLeaseLock held, CancellationToken stopping)
    {
        var (status, etag) = await ReadStatusAsync(stopping);
        var now = time.GetUtcNow();
        if (status is null || status.Next > now)
        {
            return;
        }

        var pastDue = now - status.Next > options.PastDueTolerance;
        var info = new TimerInfo(status, pastDue);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var renewal = held.KeepRenewedAsync(LeaseDuration, time, ex => LogLeaseLost(ex, definition.Name), renewing.Token);
        try
        {
            await invoker.InvokeAsync<ITimerFunction>(definition, null, (h, ct) => h.HandleAsync(info, ct), stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Logged by the invoker with its scope; like the host, a failed occurrence is not retried.
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }

        var fired = time.GetUtcNow();
        await TryWriteStatusAsync(new ScheduleStatus(status.Next, Next(fired), fired), etag, CancellationToken.None);
        LogFired(definition.Name, status.Next, pastDue);
    }


    private DateTimeOffset Next(DateTimeOffset after) =>
        schedule.GetNextOccurrence(after) ?? throw new InvalidOperationException($"Schedule '{schedule}' of {definition.Name} has no next occurrence.");

    private async Task<(ScheduleStatus? Status, ETag ETag)> ReadStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _status.DownloadContentAsync(cancellationToken: cancellationToken);
            return (result.Content.ToObjectFromJson<ScheduleStatus>(Json), result.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            return (null, default);
        }
    }

    /// <summary>Writes the status if it is still the version read (<paramref name="expected"/>; <see cref="ETag.All"/>: create only).</summary>
    private async Task TryWriteStatusAsync(ScheduleStatus status, ETag expected, CancellationToken cancellationToken)
    {
        var conditions = expected == ETag.All ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = expected };
        try
        {
            await _status.UploadAsync(BinaryData.FromObjectAsJson(status, Json), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsConflict())
        {
            // Another instance wrote it first; the loop re-reads.
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(50, LogLevel.Information, "Timer {FunctionName} fired for {Occurrence:O} (past due: {IsPastDue})")]
    private partial void LogFired(string functionName, DateTimeOffset occurrence, bool isPastDue);

    [LoggerMessage(51, LogLevel.Warning, "Timer {FunctionName} lost its singleton lease while running")]
    private partial void LogLeaseLost(Exception exception, string functionName);
}
