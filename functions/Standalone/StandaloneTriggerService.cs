using Azure.Storage.Queues;
using Cronos;
using Marketplace.Functions.Hosting;
using Marketplace.Shared.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Standalone;

/// <summary>
/// Runs the built-in trigger sources for every timer, queue and blob function of the <see cref="FunctionIndex"/>
/// (standalone host only), with <c>%Setting%</c> expressions resolved from configuration. Stopping the host stops
/// receiving at once; in-flight work gets <see cref="StandaloneOptions.DrainTimeout"/>.
/// </summary>
internal sealed partial class StandaloneTriggerService(
    FunctionIndex index,
    StorageAccount account,
    FunctionInvoker invoker,
    IOptions<StandaloneOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly CancellationTokenSource _drain = new();
    private TimeSpan _drainTimeout = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        _drainTimeout = o.DrainTimeout;
        if (!o.TriggersEnabled)
        {
            return;
        }

        // Messages travel base64-encoded, the Functions host's default (host.json queues.messageEncoding).
        var blobs = account.CreateBlobServiceClient();
        var queues = account.CreateQueueServiceClient(StorageAccount.CreateQueueClientOptions(QueueMessageEncoding.Base64));
        var state = blobs.GetBlobContainerClient(o.StateContainer);
        var logger = loggers.CreateLogger<StandaloneTriggerService>();
        var sources = new List<Task>();
        foreach (var (function, trigger) in index.OfTrigger<QueueTriggerAttribute>())
        {
            var name = BindingExpressions.Resolve(trigger.QueueName, configuration);
            var listener = new QueueListener(function, queues.GetQueueClient(name), queues.GetQueueClient(name + QueueListener.PoisonSuffix),
                o.Queues, invoker, time, loggers.CreateLogger<QueueListener>());
            sources.Add(Run(function.Name, () => listener.RunAsync(stoppingToken, _drain.Token), logger, stoppingToken));
        }

        foreach (var (function, trigger) in index.OfTrigger<TimerTriggerAttribute>())
        {
            var schedule = CronExpression.Parse(BindingExpressions.Resolve(trigger.Schedule, configuration), CronFormat.IncludeSeconds);
            var scheduler = new TimerScheduler(function, schedule, state, o.Timers, invoker, time, loggers.CreateLogger<TimerScheduler>());
            sources.Add(Run(function.Name, () => scheduler.RunAsync(stoppingToken), logger, stoppingToken));
        }

        foreach (var (function, trigger) in index.OfTrigger<BlobTriggerAttribute>())
        {
            var path = BindingExpressions.Resolve(trigger.BlobPath, configuration);
            var watcher = new BlobWatcher(function, path, blobs, state, queues, o.Blobs, invoker, time, loggers.CreateLogger<BlobWatcher>());
            sources.Add(Run(function.Name, () => watcher.RunAsync(stoppingToken, _drain.Token), logger, stoppingToken));
        }

        LogStarted(logger, sources.Count);
        await Task.WhenAll(sources);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // In-flight work gets the drain timeout, or less if the host's own shutdown timeout runs out first.
        _drain.CancelAfter(_drainTimeout);
        await using var registration = cancellationToken.Register(() => _drain.Cancel());
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Keeps a source alive: a crash (storage down at start, say) is logged and the source restarts after a pause.</summary>
    private async Task Run(string functionName, Func<Task> source, ILogger logger, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await source();
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSourceFailed(logger, ex, functionName);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(70, LogLevel.Information, "Standalone trigger sources started: {Count}")]
    private static partial void LogStarted(ILogger logger, int count);

    [LoggerMessage(71, LogLevel.Error, "Trigger source of {FunctionName} failed; restarting in 5 s")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception, string functionName);
}
