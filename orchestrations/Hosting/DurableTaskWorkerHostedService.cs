using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Orchestrations.Hosting;

/// <summary>
/// Runs the DTFx <see cref="TaskHubWorker"/> for the application's lifetime. Start-up retries until storage
/// answers (the host does not fail because Azurite is late); stop is graceful (in-flight work items finish).
/// </summary>
internal sealed partial class DurableTaskWorkerHostedService(
    AzureStorageOrchestrationService service,
    IOptions<DurableTaskRegistry> registry,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    TimeProvider time,
    ILogger<DurableTaskWorkerHostedService> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan MaxStartDelay = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private TaskHubWorker? _worker;
    private Task _starting = Task.CompletedTask;
    private volatile bool _started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _worker = DurableTaskHubWorkerFactory.Create(service, registry.Value, services, loggerFactory);
        _starting = StartWorkerAsync(_worker, _stopping.Token);
        // Wait briefly so that a healthy start is complete when the host reports started; a slow storage keeps retrying in the background.
        await Task.WhenAny(_starting, Task.Delay(TimeSpan.FromSeconds(30), time, cancellationToken));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_worker is not null && _started)
        {
            await _worker.StopAsync(isForced: false).WaitAsync(cancellationToken);
            LogStopped(logger, service.ToString());
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        _worker?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartWorkerAsync(TaskHubWorker worker, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await service.CreateIfNotExistsAsync();
                await worker.StartAsync();
                _started = true;
                LogStarted(logger, service.ToString());
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogStartFailed(logger, ex, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = delay * 2 > MaxStartDelay ? MaxStartDelay : delay * 2;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable worker started: {Service}")]
    private static partial void LogStarted(ILogger logger, string service);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable worker stopped: {Service}")]
    private static partial void LogStopped(ILogger logger, string service);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable worker could not start (storage unreachable?); retrying in {Delay}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, TimeSpan delay);
}
