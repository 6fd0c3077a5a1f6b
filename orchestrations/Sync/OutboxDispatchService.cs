using Marketplace.Shared.Catalog.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Sync;

/// <summary>
/// Dispatches the catalog outbox every <see cref="SyncOptions.OutboxPollInterval"/> (a table scan of pending
/// entries). A failed pass is logged and the next pass retries; entries stay pending until scheduled.
/// </summary>
internal sealed partial class OutboxDispatchService(OutboxDispatcher dispatcher, SyncOptions options, TimeProvider time, ILogger<OutboxDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchPendingAsync(cancellationToken: stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(ex);
            }

            try
            {
                await Task.Delay(options.OutboxPollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(60, LogLevel.Warning, "Outbox dispatch pass failed; the entries stay pending for the next pass")]
    private partial void LogPassFailed(Exception exception);
}
