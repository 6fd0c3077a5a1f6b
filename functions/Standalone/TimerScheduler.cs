using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Cronos;
using Marketplace.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Standalone;

/// <summary>A timer's schedule status as kept in its status blob (the host's <c>Last</c>, <c>Next</c>, <c>LastUpdated</c>).</summary>
internal sealed record TimerStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

/// <summary>
/// The standalone timer trigger for one function, a singleton across instances like the host's: the schedule
/// status lives in a blob; when an occurrence is due, the instance that takes the lease on the function's lock blob
/// re-reads the status, fires if the occurrence is still pending, and advances the status before releasing; the
/// others see the advanced status and wait for the next occurrence. An occurrence found already past when the app
/// starts (it was down) fires once, flagged past due; occurrences missed in between are not replayed. A failing
/// invocation is not retried (the host's behaviour).
/// </summary>
internal sealed partial class TimerScheduler(
    FunctionEntry function,
    CronExpression schedule,
    BlobContainerClient state,
    TimerSourceOptions options,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly IReadOnlyDictionary<string, object?> NoBindingData = new Dictionary<string, object?>();
    private readonly BlobClient _status = state.GetBlobClient($"timers/{function.Name}/status");
    private readonly BlobClient _lock = state.GetBlobClient($"timers/{function.Name}/lock");
    private readonly string _instanceLease = Guid.NewGuid().ToString();

    public async Task RunAsync(CancellationToken stopping)
    {
        await state.CreateIfNotExistsAsync(cancellationToken: stopping);
        while (!stopping.IsCancellationRequested)
        {
            var (status, _) = await ReadStatusAsync(stopping);
            var now = time.GetUtcNow();
            if (status is null)
            {
                await TryWriteStatusAsync(new TimerStatus(DateTimeOffset.MinValue, Next(now), now), ETag.All, stopping);
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
        var info = new TimerInfo
        {
            IsPastDue = pastDue,
            ScheduleStatus = new ScheduleStatus { Last = status.Last.UtcDateTime, Next = status.Next.UtcDateTime, LastUpdated = status.LastUpdated.UtcDateTime },
        };
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var renewal = held.KeepRenewedAsync(LeaseDuration, time, ex => LogLeaseLost(ex, function.Name), renewing.Token);
        try
        {
            await invoker.InvokeAsync(function, info, NoBindingData, stopping);
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
        await TryWriteStatusAsync(new TimerStatus(status.Next, Next(fired), fired), etag, CancellationToken.None);
        LogFired(function.Name, status.Next, pastDue);
    }

    private DateTimeOffset Next(DateTimeOffset after) =>
        schedule.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? throw new InvalidOperationException($"Schedule '{schedule}' of {function.Name} has no next occurrence.");

    private async Task<(TimerStatus? Status, ETag ETag)> ReadStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _status.DownloadContentAsync(cancellationToken);
            return (result.Value.Content.ToObjectFromJson<TimerStatus>(Json), result.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, default);
        }
    }

    /// <summary>Writes the status if it is still the version read (<paramref name="expected"/>; <see cref="ETag.All"/>: create only).</summary>
    private async Task TryWriteStatusAsync(TimerStatus status, ETag expected, CancellationToken cancellationToken)
    {
        var conditions = expected == ETag.All ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = expected };
        try
        {
            await _status.UploadAsync(BinaryData.FromObjectAsJson(status, Json), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
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
