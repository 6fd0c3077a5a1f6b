using Marketplace.Functions.Catalog;
using Marketplace.Functions.Timers;
using Marketplace.Shared.Storage.Blobs;
using Marketplace.Shared.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Standalone;

/// <summary>
/// Runs the built-in trigger sources for every non-HTTP function of the catalog when the app is not under the
/// Functions host (except those a <see cref="StandaloneExclusion"/> names). Stopping the host stops receiving at once; in-flight work gets <see cref="StandaloneOptions.DrainTimeout"/>.
/// </summary>
internal sealed partial class StandaloneTriggerService(
    FunctionCatalog catalog,
    BlobServiceClient blobs,
    QueueServiceClient queues,
    FunctionInvoker invoker,
    IOptions<StandaloneOptions> options,
    IEnumerable<StandaloneExclusion> exclusions,
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

        var state = blobs.GetBlobContainerClient(o.StateContainer);
        var logger = loggers.CreateLogger<StandaloneTriggerService>();
        var sources = new List<Task>();
        var excluded = exclusions.SelectMany(e => e.FunctionNames).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (definition, trigger) in catalog.OfTrigger<QueueTrigger>().Where(f => !excluded.Contains(f.Definition.Name)))
        {
            var queue = queues.GetQueueClient(BindingExpressions.Resolve(trigger.QueueName, configuration));
            var listener = new QueueListener(definition, queue, o.Queues, invoker, time, loggers.CreateLogger<QueueListener>());
            sources.Add(Run(definition.Name, () => listener.RunAsync(stoppingToken, _drain.Token), logger, stoppingToken));
        }

        foreach (var (definition, trigger) in catalog.OfTrigger<TimerTrigger>())
        {
            var scheduler = new TimerScheduler(definition, CronSchedule.Parse(trigger.Schedule), state, o.Timers, invoker, time, loggers.CreateLogger<TimerScheduler>());
            sources.Add(Run(definition.Name, () => scheduler.RunAsync(stoppingToken), logger, stoppingToken));
        }

        foreach (var (definition, trigger) in catalog.OfTrigger<BlobTrigger>())
        {
            var watcher = new BlobWatcher(definition, trigger, blobs, state, queues, o.Blobs, invoker, time, loggers.CreateLogger<BlobWatcher>());
            sources.Add(Run(definition.Name, () => watcher.RunAsync(stoppingToken, _drain.Token), logger, stoppingToken));
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

/// <summary>Functions whose triggers the standalone sources leave alone (something else consumes those queues).</summary>
internal sealed record StandaloneExclusion(IReadOnlyCollection<string> FunctionNames);
