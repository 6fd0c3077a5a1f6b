using Azure;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Marketplace.Shared.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Orchestrations.Hosting;

/// <summary>
/// Runs and supervises the DTFx <see cref="TaskHubWorker"/>. Start-up retries until storage answers; a probe reads
/// storage every few seconds, and when storage comes back after failing the worker is replaced by a fresh one: DTFx
/// survives short outages itself, but after one longer than the SDK's retries it keeps activity messages whose
/// completion failed in memory and then skips them forever when they reappear. Stop is graceful.
/// </summary>
internal sealed partial class DurableTaskWorkerHostedService(
    DurableStorage storage,
    IOptions<DurableTaskStandaloneOptions> options,
    IOptions<DurableTaskRegistry> registry,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    TimeProvider time,
    ILogger<DurableTaskWorkerHostedService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(3);
    private const int OutageProbes = 2;
    private static readonly TimeSpan MaxStartDelay = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstStart = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _supervising = Task.CompletedTask;
    private TaskHubWorker? _worker;
    private AzureStorageOrchestrationService? _service;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _supervising = SuperviseAsync(_stopping.Token);
        // A healthy start is complete when the host reports started; a slow storage keeps the supervisor retrying.
        await Task.WhenAny(_firstStart.Task, Task.Delay(TimeSpan.FromSeconds(30), time, cancellationToken));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _supervising.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await StopWorkerAsync(forced: false, cancellationToken);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _worker?.Dispose();
        _service?.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var probe = CreateProbe();
        var startDelay = TimeSpan.FromMilliseconds(500);
        var failedProbes = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_worker is null)
            {
                try
                {
                    await StartWorkerAsync();
                    _firstStart.TrySetResult();
                    startDelay = TimeSpan.FromMilliseconds(500);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogStartFailed(logger, ex, startDelay);
                    await StopWorkerAsync(forced: true, CancellationToken.None);
                    await Task.Delay(startDelay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    startDelay = startDelay * 2 > MaxStartDelay ? MaxStartDelay : startDelay * 2;
                    continue;
                }
            }

            await Task.Delay(ProbeInterval, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            // Two failed probes in a row make an outage: one slow answer on a busy machine must not restart the worker.
            if (!await IsStorageReachableAsync(probe, cancellationToken))
            {
                if (++failedProbes == OutageProbes)
                {
                    LogOutage(logger);
                }
            }
            else
            {
                if (failedProbes >= OutageProbes)
                {
                    LogRecovered(logger);
                    await StopWorkerAsync(forced: true, CancellationToken.None);
                }

                failedProbes = 0;
            }
        }
    }

    private async Task StartWorkerAsync()
    {
        var settings = DurableOrchestrationServiceFactory.CreateSettings(storage.Account, options.Value, loggerFactory);
        _service = new AzureStorageOrchestrationService(settings);
        _worker = DurableTaskHubWorkerFactory.Create(_service, registry.Value, services, loggerFactory);
        await _service.CreateIfNotExistsAsync();
        await _worker.StartAsync();
        LogStarted(logger, settings.TaskHubName, settings.WorkerId);
    }

    private async Task StopWorkerAsync(bool forced, CancellationToken cancellationToken)
    {
        var (worker, service) = (_worker, _service);
        (_worker, _service) = (null, null);
        if (worker is null)
        {
            return;
        }

        try
        {
            // A stop during an outage may never finish: give up after a while, the instance is abandoned anyway.
            await worker.StopAsync(forced).WaitAsync(TimeSpan.FromSeconds(forced ? 10 : 60), time, cancellationToken);
            LogStopped(logger, options.Value.TaskHub);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or RequestFailedException or AggregateException or InvalidOperationException)
        {
            LogStopFailed(logger, ex);
        }
        finally
        {
            worker.Dispose();
            service?.Dispose();
        }
    }

    private Azure.Storage.Queues.QueueClient CreateProbe()
    {
        var queueOptions = StorageAccount.CreateQueueClientOptions();
        queueOptions.Retry.MaxRetries = 0;
        queueOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return storage.Account.CreateQueueServiceClient(queueOptions).GetQueueClient(options.Value.TaskHub.ToLowerInvariant() + "-workitems");
    }

    private static async Task<bool> IsStorageReachableAsync(Azure.Storage.Queues.QueueClient probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe.GetPropertiesAsync(cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is > 0 and < 500)
        {
            // The service answered (the queue may just be missing).
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            // Stopping: say nothing about storage.
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable worker started on task hub {TaskHub} as {WorkerId}")]
    private static partial void LogStarted(ILogger logger, string taskHub, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable worker stopped on task hub {TaskHub}")]
    private static partial void LogStopped(ILogger logger, string taskHub);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable worker could not start (storage unreachable?); retrying in {Delay}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable worker did not stop cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is unreachable; the Durable worker will be restarted when it is back")]
    private static partial void LogOutage(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is reachable again: restarting the Durable worker")]
    private static partial void LogRecovered(ILogger logger);
}

/// <summary>The storage account the standalone runtime uses.</summary>
internal sealed record DurableStorage(StorageAccount Account);
