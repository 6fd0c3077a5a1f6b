using Marketplace.Functions.Timers;
using Marketplace.Orchestrations.Sync.Reconciliation;

namespace Marketplace.Functions.Sync;

/// <summary>The reconciliation timer's starter on the engine: one run at a time (a start while one runs is a no-op).</summary>
internal sealed partial class SyncReconciliationStarter(ReconciliationStarter starter, ILogger<SyncReconciliationStarter> logger) : IReconciliationStarter
{
    public async Task StartAsync(ReconciliationRequest request, CancellationToken cancellationToken)
    {
        var reason = $"{request.Reason} {request.ScheduledFor:O}{(request.IsPastDue ? " (past due)" : string.Empty)}";
        var started = await starter.StartAsync(reason, cancellationToken);
        LogStarted(reason, started);
    }

    [LoggerMessage(50, LogLevel.Information, "Reconciliation requested ({Reason}); started: {Started}")]
    private partial void LogStarted(string reason, bool started);
}
