using System.Text.Json;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;

namespace Marketplace.Functions.Admin;

internal static partial class DashboardAdminEndpoints
{
    // Storage is the only place every instance's work shows (a sale may be handled by another instance), so the stream
    // watches it: the newest audit record, this instance's trigger events and the running orchestrations' last update.
    private static readonly TimeSpan ChangeCheckInterval = TimeSpan.FromSeconds(1);

    // Finding running orchestrations scans the engine's instance table: every 5th check only (activities' audit records show sooner).
    private const int OrchestrationCheckEvery = 5;
    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(15);

    // Ends well inside the HTTP trigger's time limit; the page reconnects at once after a clean end.
    private static readonly TimeSpan StreamLifetime = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <c>GET /events</c>: server-sent events (<c>text/event-stream</c>). A <c>change</c> event names what changed (the
    /// newest audit record, trigger event or orchestration update); the page then refreshes the view it shows.
    /// </summary>
    private static void MapEvents(RouteGroupBuilder api) => api.MapGet("/events", StreamEventsAsync);

    private static async Task<IResult> StreamEventsAsync(HttpContext http, AuditLog audit, TriggerEventLog events, TimeProvider time)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var client = http.RequestServices.GetService<DurableTaskClient>();
        var ct = http.RequestAborted;
        var ends = time.GetUtcNow() + StreamLifetime;
        await response.WriteAsync("retry: 2000\n\n", ct);
        await response.Body.FlushAsync(ct);
        string? last = null;
        var quietSince = time.GetUtcNow();
        var checks = 0;
        var orchestrations = (Running: 0, Updated: DateTimeOffset.MinValue);
        try
        {
            while (!ct.IsCancellationRequested && time.GetUtcNow() < ends)
            {
                if (checks++ % OrchestrationCheckEvery == 0)
                {
                    orchestrations = await RunningOrchestrationsAsync(client, ct);
                }

                var (token, change) = await ChangeTokenAsync(audit, events, orchestrations, ct);
                if (last is not null && token != last)
                {
                    await response.WriteAsync($"event: change\ndata: {JsonSerializer.Serialize(change, EventJson)}\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    quietSince = time.GetUtcNow();
                }
                else if (time.GetUtcNow() - quietSince > KeepAliveEvery)
                {
                    await response.WriteAsync(": keep-alive\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    quietSince = time.GetUtcNow();
                }

                last = token;
                await Task.Delay(ChangeCheckInterval, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page went away.
        }

        return Results.Empty;
    }

    private static async Task<(int Running, DateTimeOffset Updated)> RunningOrchestrationsAsync(DurableTaskClient? client, CancellationToken ct)
    {
        var (running, updated) = (0, DateTimeOffset.MinValue);
        if (client is not null)
        {
            await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending], PageSize = 100 }).WithCancellation(ct))
            {
                (running, updated) = (running + 1, instance.LastUpdatedAt > updated ? instance.LastUpdatedAt : updated);
            }
        }

        return (running, updated);
    }

    private static async Task<(string Token, object Change)> ChangeTokenAsync(AuditLog audit, TriggerEventLog events, (int Running, DateTimeOffset Updated) orchestrations, CancellationToken ct)
    {
        var newest = (await audit.QueryPageAsync(new AuditQuery(Limit: 1), ct)).Items.FirstOrDefault();
        var trigger = events.Recent(1).FirstOrDefault();
        var (running, updated) = orchestrations;
        var token = FormattableString.Invariant($"{newest?.Id}|{trigger?.At.UtcTicks}|{running}|{updated.UtcTicks}");
        return (token, new
        {
            audit = newest is null ? null : new { at = newest.At, action = newest.Action, sku = newest.Sku, platform = newest.Platform?.ToWire() },
            trigger = trigger is null ? null : new { at = trigger.At, kind = trigger.Kind },
            orchestrations = new { running, lastUpdatedAt = running == 0 ? (DateTimeOffset?)null : updated },
        });
    }
}
