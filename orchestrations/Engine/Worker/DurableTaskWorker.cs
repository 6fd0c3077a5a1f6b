using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// Runs registered orchestrators and activities against a backend: locks instances with new messages,
/// replays and advances them, and executes activities (at least once). Several workers (in one or many
/// processes) may share a backend; the backend keeps an instance on one worker at a time.
/// </summary>
public sealed partial class DurableTaskWorker : IHostedService, IAsyncDisposable
{
    private readonly IOrchestrationService _service;
    private readonly DurableTaskRegistry _registry;
    private readonly DurableTaskWorkerOptions _options;
    private readonly OrchestrationStepProcessor _processor;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Task<HistoryEvent?>> _runningActivities = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stopping;
    private Task? _loops;

    public DurableTaskWorker(IOrchestrationService service, DurableTaskRegistry registry, DurableTaskWorkerOptions? options = null,
        TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _options = options ?? new DurableTaskWorkerOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        _processor = new OrchestrationStepProcessor(registry, _options.DataConverter, timeProvider ?? TimeProvider.System, loggerFactory);
        _logger = loggerFactory.CreateLogger<DurableTaskWorker>();
    }

    /// <summary>Starts the backend and the dispatch loops; returns once they run.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loops is not null)
        {
            throw new InvalidOperationException("The worker is already started.");
        }

        await _service.StartAsync(cancellationToken);
        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        _loops = Task.WhenAll(
            Task.Run(() => DispatchAsync(_options.MaxConcurrentOrchestrations, _service.LockNextOrchestrationWorkItemAsync, RunStepAsync, token), CancellationToken.None),
            Task.Run(() => DispatchAsync(_options.MaxConcurrentActivities, _service.LockNextActivityWorkItemAsync, RunActivityAsync, token), CancellationToken.None));
    }

    /// <summary>Stops taking work, waits for work in progress, and stops the backend.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop may be called more than once and concurrently (host stop, then disposal): only the first call stops.
        var stopping = Interlocked.Exchange(ref _stopping, null);
        var loops = _loops;
        if (stopping is null || loops is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await loops.WaitAsync(cancellationToken);
        await _service.StopAsync(cancellationToken);
        stopping.Dispose();
        _loops = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task DispatchAsync<T>(int concurrency, Func<CancellationToken, Task<T?>> lockNext, Func<T, CancellationToken, Task> run, CancellationToken stopping)
        where T : class
    {
        using var slots = new SemaphoreSlim(concurrency);
        var running = new HashSet<Task>();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopping);
                var item = await lockNext(stopping);
                if (item is null)
                {
                    slots.Release();
                    continue;
                }

                var task = RunAndReleaseAsync(item, run, slots, stopping);
                lock (running)
                {
                    running.Add(task);
                }

                _ = task.ContinueWith(t => { lock (running) { running.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A backend failure to lock (storage unavailable): back off, then poll again.
                Log.DispatchFailed(_logger, ex);
                slots.Release();
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }

        Task[] remaining;
        lock (running)
        {
            remaining = [.. running];
        }

        await Task.WhenAll(remaining);
    }

    private static async Task RunAndReleaseAsync<T>(T item, Func<T, CancellationToken, Task> run, SemaphoreSlim slots, CancellationToken stopping)
    {
        await Task.Yield();
        try
        {
            await run(item, stopping);
        }
        finally
        {
            slots.Release();
        }
    }
}
