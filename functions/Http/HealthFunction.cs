using Microsoft.Azure.Functions.Worker;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Storage;

namespace Marketplace.Functions.Http;

/// <summary>
/// <c>GET /api/health</c>: storage services (blob, queue, table), the trigger queues, and each webhook platform
/// (configured or not). 200 when storage and queues are reachable, else 503.
/// </summary>
internal sealed class HealthFunction(StorageHealthProbe probe, ITriggerQueueProbe queues, WebhookVerifierRegistry platforms)
{
    public const string Name = "Health";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var storage = await probe.ProbeAsync(cancellationToken);
        var queueResults = await queues.ProbeAsync(cancellationToken);
        var healthy = storage.All(r => r.Reachable) && queueResults.All(q => q.Reachable);
        var body = new
        {
            status = healthy ? "healthy" : "unhealthy",
            storage = storage.ToDictionary(
                r => r.Service.ToString().ToLowerInvariant(),
                r => new { reachable = r.Reachable, status = r.Status, elapsedMs = Math.Round(r.ElapsedMs, 1), error = r.Error }),
            queues = queueResults.ToDictionary(q => q.Queue, q => new { reachable = q.Reachable, approximateMessages = q.ApproximateMessageCount, error = q.Error }),
            platforms = platforms.All.OrderBy(p => p.Platform, StringComparer.Ordinal).ToDictionary(p => p.Platform, p => new { configured = p.IsConfigured }),
        };
        return FunctionResults.Json(healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, body);
    }
}

/// <summary>One trigger queue's health.</summary>
internal sealed record TriggerQueueHealth(string Queue, bool Reachable, int? ApproximateMessageCount, string? Error);

/// <summary>Checks the queues the app consumes (trigger queues and the webhook queue).</summary>
internal interface ITriggerQueueProbe
{
    Task<IReadOnlyList<TriggerQueueHealth>> ProbeAsync(CancellationToken cancellationToken);
}
