using Marketplace.Functions.Hosting;
using Marketplace.Functions.Http;
using Marketplace.Functions.Timers;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Admin;

/// <summary><c>GET /api/admin/status</c> (key required): the functions with their triggers, the host, and recent trigger events.</summary>
internal sealed class AdminStatusFunction(FunctionIndex index, HostingMode mode, TriggerEventLog events)
{
    public const string Name = "AdminStatus";

    [Function(Name)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/status")] HttpRequest request) =>
        FunctionResults.Json(StatusCodes.Status200OK, new
        {
            mode = mode.Name,
            functions = index.Functions.Select(f => new { name = f.Name, trigger = Describe(f.Trigger) }),
            recentEvents = events.Recent(),
        });

    private static string Describe(Attribute trigger) => trigger switch
    {
        HttpTriggerAttribute h => $"http {string.Join(',', h.Methods ?? [])} /api/{h.Route} ({h.AuthLevel.ToString().ToLowerInvariant()})",
        TimerTriggerAttribute t => $"timer {t.Schedule}",
        QueueTriggerAttribute q => $"queue {q.QueueName}",
        BlobTriggerAttribute b => $"blob {b.BlobPath}",
        _ => trigger.GetType().Name,
    };
}

/// <summary><c>POST /api/admin/reconcile</c> (key required): starts a reconciliation now, as the hourly timer does.</summary>
internal sealed class AdminReconcileFunction(IReconciliationStarter reconciliation, TimeProvider time)
{
    public const string Name = "AdminReconcile";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/reconcile")] HttpRequest request, CancellationToken cancellationToken)
    {
        var run = new ReconciliationRequest("admin", time.GetUtcNow(), IsPastDue: false);
        await reconciliation.StartAsync(run, cancellationToken);
        return FunctionResults.Json(StatusCodes.Status202Accepted, new { started = run.ScheduledFor, reason = run.Reason });
    }
}
