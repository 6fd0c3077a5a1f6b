using Marketplace.Functions.Catalog;
using Marketplace.Functions.Timers;

namespace Marketplace.Functions.Admin;

/// <summary><c>GET /api/admin/status</c> (key required): the functions with their triggers, the mode, and recent trigger events.</summary>
internal sealed class AdminStatusFunction(FunctionCatalog catalog, HostingMode mode, TriggerEventLog events) : IHttpFunction
{
    public const string Name = "AdminStatus";

    public Task<HttpFunctionResponse> HandleAsync(HttpFunctionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(HttpFunctionResponse.Json(StatusCodes.Status200OK, new
        {
            mode = mode.IsCustomHandler ? "custom-handler" : "standalone",
            functions = catalog.Functions.Select(f => new { name = f.Name, trigger = Describe(f.Trigger) }),
            recentEvents = events.Recent(),
        }));

    private static string Describe(FunctionTrigger trigger) => trigger switch
    {
        HttpTrigger h => $"http {string.Join(',', h.Methods)} {h.Pattern} ({h.AuthLevel})",
        TimerTrigger t => $"timer {t.Schedule}",
        QueueTrigger q => $"queue {q.QueueName}",
        BlobTrigger b => $"blob {b.Path}",
        _ => trigger.GetType().Name,
    };
}

/// <summary><c>POST /api/admin/reconcile</c> (key required): starts a reconciliation now, as the hourly timer does.</summary>
internal sealed class AdminReconcileFunction(IReconciliationStarter reconciliation, TimeProvider time) : IHttpFunction
{
    public const string Name = "AdminReconcile";

    public async Task<HttpFunctionResponse> HandleAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        var run = new ReconciliationRequest("admin", time.GetUtcNow(), IsPastDue: false);
        await reconciliation.StartAsync(run, cancellationToken);
        return HttpFunctionResponse.Json(StatusCodes.Status202Accepted, new { started = run.ScheduledFor, reason = run.Reason });
    }
}

/// <summary><c>GET /api/dashboard</c> (key required): the dashboard's placeholder page until the dashboard issue replaces it.</summary>
internal sealed class DashboardFunction(TriggerEventLog events) : IHttpFunction
{
    public const string Name = "Dashboard";

    public Task<HttpFunctionResponse> HandleAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        var rows = string.Concat(events.Recent(20).Select(e =>
            $"<tr><td>{e.At:O}</td><td>{System.Net.WebUtility.HtmlEncode(e.Kind)}</td><td>{System.Net.WebUtility.HtmlEncode(e.Detail)}</td></tr>"));
        var html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Marketplace</title></head><body>" +
            "<h1>Marketplace integration</h1><p>The dashboard is not built yet. Recent trigger events:</p>" +
            $"<table><thead><tr><th>at</th><th>kind</th><th>detail</th></tr></thead><tbody>{rows}</tbody></table></body></html>";
        return Task.FromResult(HttpFunctionResponse.Text(StatusCodes.Status200OK, html, "text/html; charset=utf-8"));
    }
}
