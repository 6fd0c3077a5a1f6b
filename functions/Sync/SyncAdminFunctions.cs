using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Microsoft.DurableTask;

namespace Marketplace.Functions.Sync;

/// <summary><c>GET /api/admin/sync/oversells[?sku=]</c>: every oversell with the order that was short and the orders that took the stock.</summary>
internal sealed class SyncOversellsFunction(InventoryLedger ledger)
{
    public const string Name = "SyncOversells";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/sync/oversells")] HttpRequest request, CancellationToken cancellationToken)
    {
        var sku = request.Query["sku"].ToString() is { Length: > 0 } value ? value : null;
        var rows = new List<object>();
        await foreach (var record in ledger.ListOversellsAsync(sku, cancellationToken))
        {
            var entries = await ledger.ListAsync(record.Sku, cancellationToken);
            var competing = entries.Where(e => e.Reason == LedgerReason.Sale && e.AppliedDelta < 0 && e.EventId != record.EventId)
                .Select(e => new { platform = e.Source?.ToWire(), orderId = e.OrderId, eventId = e.EventId, at = e.At });
            rows.Add(new
            {
                sku = record.Sku, platform = record.Source?.ToWire(), orderId = record.OrderId, eventId = record.EventId,
                requested = record.Requested, shortfall = record.Shortfall, at = record.At, stockWentTo = competing,
            });
        }

        return FunctionResults.Json(StatusCodes.Status200OK, new { oversells = rows });
    }
}

/// <summary>
/// <c>GET /api/admin/sync/instances/{id}</c>: status, custom status (progress) and output of a sync instance;
/// <c>POST .../{id}/cancel</c> terminates it; <c>POST .../{id}/retry</c> runs a finished sale again (the ledger
/// ignores the repeated event, the platforms get the current stock) or a finished full sync (any direction) from its first
/// page (pushed versions are skipped, pulled listing states are not staged twice, an INCREMENTAL pull starts at the stored cursor).
/// </summary>
internal sealed class SyncInstanceFunction(DurableTaskClient client)
{
    public const string Name = "SyncInstance";

    [Function(Name)]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/sync/instances/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        HandleAsync(id, null, cancellationToken);

    [Function(Name + "Action")]
    public Task<IResult> ActAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/sync/instances/{id}/{action}")] HttpRequest request, string id, string action, CancellationToken cancellationToken) =>
        HandleAsync(id, action, cancellationToken);

    private async Task<IResult> HandleAsync(string id, string? action, CancellationToken cancellationToken)
    {
        id = Uri.UnescapeDataString(id);
        var instance = id.Length == 0 ? null : await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return FunctionResults.Problem(StatusCodes.Status404NotFound, $"No sync instance '{id}'.");
        }

        switch (action)
        {
            case null or "":
                return FunctionResults.Json(StatusCodes.Status200OK, Describe(instance));
            case "cancel" when instance.IsRunning:
                await client.TerminateInstanceAsync(id, "cancelled by admin", cancellationToken);
                return FunctionResults.Json(StatusCodes.Status202Accepted, new { id, status = "Terminating" });
            case "retry" when instance.IsCompleted && instance.Name == nameof(SaleOrchestrator):
                await client.ScheduleNewOrchestrationInstanceAsync(instance.Name, instance.ReadInputAs<Shared.Marketplaces.SaleEvent>(), new StartOrchestrationOptions(id), cancellationToken);
                return FunctionResults.Json(StatusCodes.Status202Accepted, new { id, status = "Pending", statusUrl = $"/api/admin/sync/instances/{Uri.EscapeDataString(id)}" });
            case "retry" when instance.IsCompleted && instance.Name == nameof(Orchestrations.Sync.FullSync.FullSyncOrchestrator):
                // A new run of the same request: what the failed run pushed is skipped (versions match), the rest is retried.
                var syncRequest = instance.ReadInputAs<Orchestrations.Sync.FullSync.FullSyncState>()!.Request;
                await client.ScheduleNewOrchestrationInstanceAsync(instance.Name, new Orchestrations.Sync.FullSync.FullSyncState { Request = syncRequest }, new StartOrchestrationOptions(id), cancellationToken);
                return FunctionResults.Json(StatusCodes.Status202Accepted, new { id, status = "Pending", statusUrl = $"/api/admin/sync/instances/{Uri.EscapeDataString(id)}" });
            default:
                return FunctionResults.Problem(StatusCodes.Status409Conflict, $"Cannot {action} instance '{id}' in status {instance.RuntimeStatus}.");
        }
    }

    private static object Describe(OrchestrationMetadata instance) => new
    {
        id = instance.InstanceId, name = instance.Name, status = instance.RuntimeStatus.ToString(), createdAt = instance.CreatedAt,
        lastUpdatedAt = instance.LastUpdatedAt, customStatus = Parse(instance.SerializedCustomStatus), output = Parse(instance.SerializedOutput),
        failure = instance.FailureDetails?.ToString(),
    };

    private static System.Text.Json.Nodes.JsonNode? Parse(string? json) => json is null ? null : System.Text.Json.Nodes.JsonNode.Parse(json);
}

/// <summary>
/// <c>POST /api/admin/sync/products/{sku}/publish</c> <c>{"platforms":["shopify","ebay"]}</c>: lists the product on the
/// chosen platforms; answers 202 with the status URL of the push.
/// </summary>
internal sealed class SyncPublishFunction(Orchestrations.Sync.Products.ProductPublisher publisher)
{
    public const string Name = "SyncPublish";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/sync/products/{sku}/publish")] HttpRequest request, string sku, CancellationToken cancellationToken)
    {
        if (await request.ReadBodyAsync(cancellationToken) is not { } content)
        {
            return FunctionRequests.TooLarge();
        }

        var platforms = new List<Platform>();
        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(content);
            foreach (var name in body.RootElement.GetProperty("platforms").EnumerateArray())
            {
                platforms.Add(PlatformNames.TryParse(name.GetString(), out var platform)
                    ? platform
                    : throw new FormatException($"'{name}' is not one of {PlatformNames.Expected}."));
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return FunctionResults.FieldProblem(StatusCodes.Status400BadRequest, "The request is invalid.", "platforms",
                "Expected {\"platforms\":[...]}: a JSON object with an array of platform names.");
        }
        catch (FormatException ex)
        {
            return FunctionResults.FieldProblem(StatusCodes.Status400BadRequest, "The request is invalid.", "platforms", ex.Message);
        }

        try
        {
            var id = await publisher.PublishAsync(sku, platforms, CatalogActor.Create("admin", request.Header("X-Correlation-Id")), cancellationToken);
            return FunctionResults.Json(StatusCodes.Status202Accepted, new { id, statusUrl = $"/api/admin/sync/instances/{Uri.EscapeDataString(id)}" });
        }
        catch (CatalogNotFoundException ex)
        {
            return FunctionResults.FieldProblem(StatusCodes.Status404NotFound, "Not found.", "sku", ex.Message);
        }
        catch (CatalogValidationException ex)
        {
            return FunctionResults.ValidationProblem(ex, "The platforms are not valid.");
        }
    }
}

/// <summary>
/// <c>POST /api/admin/sync/full</c> with a <see cref="Orchestrations.Sync.FullSync.FullSyncRequest"/>
/// (<c>{"direction":"PULL","scope":"SELECTIVE","skus":["A-1"],"platforms":["ebay"],"dryRun":true,"batchSize":100}</c>;
/// direction PUSH (default), PULL or BIDIRECTIONAL): starts the sync and answers 202 with its status URL (progress in
/// <c>customStatus</c>, the pull phase under <c>customStatus.pull</c>; cancel with <c>POST .../cancel</c>, run again with <c>POST .../retry</c>).
/// </summary>
internal sealed class SyncFullFunction(Orchestrations.Sync.FullSync.FullSyncStarter starter)
{
    public const string Name = "SyncFull";

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/sync/full")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await request.ReadBodyAsync(cancellationToken) is not { } content)
        {
            return FunctionRequests.TooLarge();
        }

        Orchestrations.Sync.FullSync.FullSyncRequest? body;
        try
        {
            body = content.Length == 0 ? new() : System.Text.Json.JsonSerializer.Deserialize<Orchestrations.Sync.FullSync.FullSyncRequest>(content, Json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return FunctionResults.JsonProblem(ex, "The sync request is not valid JSON.");
        }

        try
        {
            var id = await starter.StartAsync(body ?? new(), cancellationToken);
            return FunctionResults.Json(StatusCodes.Status202Accepted, new { id, statusUrl = $"/api/admin/sync/instances/{Uri.EscapeDataString(id)}" });
        }
        catch (CatalogValidationException ex)
        {
            return FunctionResults.ValidationProblem(ex, "The sync request is not valid.");
        }
    }
}
