using Marketplace.Functions.Http;
using Marketplace.Functions.Storage;
using Marketplace.Functions.Webhooks;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Unmatched;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

/// <summary>
/// The views the dashboard needs that the other admin APIs do not give in one call, under <c>/api/admin/dashboard</c>:
/// the overview (platform health, inbox depth, dead letters, oversells, unmatched sales and photos, running orchestrations),
/// full sync history, change sets with field owners, products with their listings, the sales feed, the dead letters and photo batches. Errors are the
/// catalog API's problem details.
/// </summary>
internal static partial class DashboardAdminEndpoints
{
    public const string Prefix = "/api/admin/dashboard";

    public static RouteGroupBuilder MapDashboardAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).AddEndpointFilter(ProblemFilter).WithTags("dashboard");
        api.MapGet("/overview", OverviewAsync);
        api.MapGet("/syncs", SyncsAsync);
        MapCatalogViews(api);
        MapDeadLetters(api);
        MapPoisonQueues(api);
        MapEvents(api);
        MapReviewViews(api);
        return api;
    }

    private static async Task<IResult> OverviewAsync(HttpContext http, AuditLog audit, InventoryLedger ledger, ChangeSetService changeSets,
        DeadLetterStore deadLetters, ITriggerQueueProbe queues, TriggerEventLog events, UnmatchedSaleStore unmatched, CancellationToken ct)
    {
        var services = http.RequestServices;
        var connectors = services.GetService<SyncConnectors>();
        var platforms = Timed("platforms", Task.WhenAll(PlatformNames.Values.Select(p => PlatformHealthAsync(p, connectors, services, audit, ct))));
        var queueHealth = Timed("queues", queues.ProbeAsync(ct));
        var deadCount = Timed("deadLetters", deadLetters.CountAsync(ct));
        var oversells = Timed("oversells", CountAsync(ledger.ListOversellsAsync(cancellationToken: ct)));
        var pending = Timed("changeSets", CountAsync(changeSets.ListAsync(status: ChangeSetStatus.Pending, cancellationToken: ct)));
        var running = Timed("orchestrations", RunningAsync(services.GetService<DurableTaskClient>(), ct));
        var unmatchedSales = Timed("unmatchedSales", OpenUnmatchedSalesAsync(unmatched, ct));
        var unmatchedPhotos = Timed("unmatchedPhotos", UnmatchedPhotosAsync(services.GetService<Shared.Photos.PhotoBatchStore>(), ct));
        await Task.WhenAll(platforms, queueHealth, deadCount, oversells, pending, running, unmatchedSales, unmatchedPhotos);

        // Server-Timing shows where the overview's time goes (browser dev tools, the benchmark).
        http.Response.Headers["Server-Timing"] = string.Join(", ", new[] { platforms.Result.Timing, queueHealth.Result.Timing, deadCount.Result.Timing,
            oversells.Result.Timing, pending.Result.Timing, running.Result.Timing, unmatchedSales.Result.Timing, unmatchedPhotos.Result.Timing });
        return Json(new
        {
            platforms = platforms.Result.Value,
            queues = queueHealth.Result.Value.Select(q => new { queue = q.Queue, reachable = q.Reachable, depth = q.ApproximateMessageCount, error = q.Error }),
            deadLetters = deadCount.Result.Value,
            oversells = oversells.Result.Value,
            pendingChangeSets = pending.Result.Value,
            unmatchedSales = unmatchedSales.Result.Value,
            unmatchedPhotos = unmatchedPhotos.Result.Value,
            orchestrations = running.Result.Value,
            recentEvents = events.Recent(10),
        });
    }

    private static async Task<(T Value, string Timing)> Timed<T>(string name, Task<T> task)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var value = await task;
        return (value, FormattableString.Invariant($"{name};dur={System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0}"));
    }

    /// <summary>
    /// Configured (a connector is registered), a configured platform's latest successful and failed calls from the audit
    /// trail, and its rate-limit headroom in the platform's own terms (<see cref="PlatformQuotaProbe"/>).
    /// </summary>
    private static async Task<object> PlatformHealthAsync(Platform platform, SyncConnectors? connectors, IServiceProvider services, AuditLog audit, CancellationToken ct)
    {
        if (connectors is null || !connectors.TryGet(platform, out _))
        {
            return new { platform = platform.ToWire(), configured = false, reachable = (bool?)null, lastSuccess = (object?)null, lastError = (object?)null, rateLimit = (object?)null };
        }

        var success = audit.QueryPageAsync(new AuditQuery(Platform: platform, Outcome: AuditOutcome.Success, Limit: 1), ct);
        var failure = audit.QueryPageAsync(new AuditQuery(Platform: platform, Outcome: AuditOutcome.Failure, Limit: 1), ct);
        var headroom = services.GetRequiredService<PlatformQuotaProbe>().HeadroomAsync(platform, ct);
        var (ok, failed) = ((await success).Items.FirstOrDefault(), (await failure).Items.FirstOrDefault());
        return new
        {
            platform = platform.ToWire(),
            configured = true,
            reachable = ok is null && failed is null ? (bool?)null : failed is null || (ok is not null && ok.At > failed.At),
            lastSuccess = ok is null ? null : new { at = ok.At, action = ok.Action, sku = ok.Sku },
            lastError = failed is null ? null : new { at = failed.At, action = failed.Action, sku = failed.Sku, detail = failed.Detail },
            rateLimit = await headroom,
        };
    }

    private static async Task<object> RunningAsync(DurableTaskClient? client, CancellationToken ct)
    {
        if (client is null)
        {
            return new { available = false, count = 0, items = Array.Empty<object>() };
        }

        var items = new List<object>();
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending], PageSize = 100, FetchInputsAndOutputs = true };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(ct))
        {
            items.Add(Describe(instance));
            if (items.Count == 100)
            {
                break;
            }
        }

        return new { available = true, count = items.Count, items };
    }

    /// <summary>Full syncs, newest first, with their progress (the orchestration's custom status).</summary>
    private static async Task<IResult> SyncsAsync(HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var limit = Math.Clamp(Int(http.Request.Query["limit"], "limit", 20), 1, 200);
        if (http.RequestServices.GetService<DurableTaskClient>() is not { } client)
        {
            return Json(Array.Empty<object>());
        }

        var found = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { InstanceIdPrefix = "fullsync:", PageSize = 200, CreatedFrom = time.GetUtcNow().AddDays(-30), FetchInputsAndOutputs = true };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(ct))
        {
            found.Add(instance);
        }

        return Json(found.OrderByDescending(i => i.CreatedAt).Take(limit).Select(Describe));
    }

    private static object Describe(OrchestrationMetadata instance)
    {
        // A finished sync's last state is its output; a running one publishes it as custom status.
        var progress = (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.SerializedOutput : null) ?? instance.SerializedCustomStatus;
        return new
        {
            id = instance.InstanceId,
            name = instance.Name,
            status = instance.RuntimeStatus.ToString(),
            createdAt = instance.CreatedAt,
            lastUpdatedAt = instance.LastUpdatedAt,
            customStatus = progress is null ? null : System.Text.Json.Nodes.JsonNode.Parse(progress),
            failure = instance.FailureDetails?.ErrorMessage,
        };
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items)
    {
        var count = 0;
        await foreach (var _ in items)
        {
            count++;
        }

        return count;
    }
}

/// <summary><c>/api/admin/dashboard/{*path}</c>: the dashboard's admin views.</summary>
internal sealed class AdminDashboardFunction(AdminApiDispatcher dispatcher)
{
    [Function("AdminDashboard")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "admin/dashboard/{*path}")] HttpRequest request) =>
        dispatcher.DispatchAsync(request.HttpContext);
}
