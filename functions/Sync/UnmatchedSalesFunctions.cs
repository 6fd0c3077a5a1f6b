using System.Text.Json;
using Marketplace.Functions.Http;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Unmatched;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Sync;

/// <summary>
/// Sales of SKUs the catalog did not know: <c>GET /api/admin/sync/unmatched[?status=OPEN|APPLIED|RESOLVED|DISMISSED]</c>
/// lists them (oldest first); <c>POST .../unmatched/{eventId}/resolve</c> <c>{"sku":"..."}</c> applies one to another SKU;
/// <c>POST .../unmatched/{eventId}/dismiss</c> <c>{"note":"..."}</c> closes one without a stock change. A sale whose SKU
/// is created or imported later is applied by itself.
/// </summary>
internal sealed class UnmatchedSalesFunction(UnmatchedSaleStore store, UnmatchedSales sales)
{
    public const string Name = "SyncUnmatched";

    [Function(Name)]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/sync/unmatched")] HttpRequest request, CancellationToken cancellationToken)
    {
        UnmatchedSaleStatus? status = null;
        if (request.Query["status"].ToString() is { Length: > 0 } value)
        {
            if (!Enum.TryParse<UnmatchedSaleStatus>(value, ignoreCase: true, out var parsed) || int.TryParse(value, out _))
            {
                return FunctionResults.FieldProblem(StatusCodes.Status400BadRequest, "Unknown status.", "status",
                    $"status must be one of {string.Join(", ", Enum.GetNames<UnmatchedSaleStatus>().Select(n => n.ToUpperInvariant()))}.");
            }

            status = parsed;
        }

        var rows = new List<UnmatchedSale>();
        await foreach (var sale in store.ListAsync(status, cancellationToken: cancellationToken))
        {
            rows.Add(sale);
        }

        return Results.Json(new { sales = rows }, CatalogJson.Options, "application/json; charset=utf-8", StatusCodes.Status200OK);
    }

    [Function(Name + "Action")]
    public async Task<IResult> ActAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/sync/unmatched/{eventId}/{action}")] HttpRequest request, string eventId, string action,
        CancellationToken cancellationToken)
    {
        eventId = Uri.UnescapeDataString(eventId);
        if (await request.ReadBodyAsync(cancellationToken) is not { } content)
        {
            return FunctionRequests.TooLarge();
        }

        string? sku = null;
        string? note = null;
        try
        {
            if (content.Length > 0)
            {
                using var body = JsonDocument.Parse(content);
                sku = body.RootElement.TryGetProperty("sku", out var s) ? s.GetString() : null;
                note = body.RootElement.TryGetProperty("note", out var n) ? n.GetString() : null;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return FunctionResults.FieldProblem(StatusCodes.Status400BadRequest, "The body is not a JSON object.", "body", "Expected {\"sku\":\"...\"} or {\"note\":\"...\"}.");
        }

        var actor = CatalogActor.Create("admin", request.Header("X-Correlation-Id"));
        switch (action)
        {
            case "resolve" when string.IsNullOrWhiteSpace(sku):
                return FunctionResults.FieldProblem(StatusCodes.Status400BadRequest, "A SKU is required.", "sku", "Expected {\"sku\":\"...\"}: the SKU the sale applies to.");
            case "resolve":
                try
                {
                    return await sales.ResolveAsync(eventId, sku!, actor, cancellationToken) is { } resolved
                        ? Results.Json(resolved, CatalogJson.Options, "application/json; charset=utf-8", StatusCodes.Status202Accepted)
                        : NotOpen(eventId);
                }
                catch (CatalogNotFoundException ex)
                {
                    return FunctionResults.FieldProblem(StatusCodes.Status404NotFound, "Unknown SKU.", "sku", ex.Message);
                }

            case "dismiss":
                return await sales.DismissAsync(eventId, actor, note, cancellationToken) ? Results.NoContent() : NotOpen(eventId);
            default:
                return FunctionResults.FieldProblem(StatusCodes.Status404NotFound, "Unknown action.", "action", "action must be one of resolve, dismiss.");
        }
    }

    private static IResult NotOpen(string eventId) =>
        FunctionResults.FieldProblem(StatusCodes.Status404NotFound, "No open unmatched sale.", "eventId", $"No open unmatched sale '{(eventId.Length <= 64 ? eventId : eventId[..64])}'.");
}
