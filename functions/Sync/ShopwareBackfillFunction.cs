using Marketplace.Functions.Http;
using Marketplace.Orchestrations.Sync.Shopware;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Shopware;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Sync;

/// <summary>
/// <c>POST /api/admin/shopware/backfill</c> <c>{"batchSize":100}</c> (optional): publishes the existing catalog to Shopware
/// in pages (<see cref="ShopwareBackfillOrchestrator"/>). Answers 202 with the status URL; posting again while it runs
/// changes nothing, after a failure or termination it resumes from its last finished page. Needs rollout mode Full (409 otherwise).
/// </summary>
internal sealed class ShopwareBackfillFunction(IServiceProvider services)
{
    public const string Name = "ShopwareBackfill";

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/shopware/backfill")] HttpRequest request, CancellationToken cancellationToken)
    {
        var mode = services.GetService<ShopwareClient>()?.Options.Mode;
        if (mode != ShopwareRolloutMode.Full || services.GetService<ShopwareBackfillStarter>() is not { } starter)
        {
            return FunctionResults.Problem(StatusCodes.Status409Conflict, "Shopware does not take product writes here.",
                mode is null ? "Shopware is not configured (section Shopware)." : $"Rollout mode is {mode}; the backfill needs Shopware:Mode Full.");
        }

        if (await request.ReadBodyAsync(cancellationToken) is not { } content)
        {
            return FunctionRequests.TooLarge();
        }

        BackfillRequest? body;
        try
        {
            body = content.Length == 0 ? new() : System.Text.Json.JsonSerializer.Deserialize<BackfillRequest>(content, Json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return FunctionResults.JsonProblem(ex, "The backfill request is not valid JSON.");
        }

        try
        {
            var start = await starter.StartAsync(body?.BatchSize ?? 100, cancellationToken);
            var id = ShopwareBackfillStarter.InstanceId;
            return FunctionResults.Json(StatusCodes.Status202Accepted, new { id, start = start.ToString(), statusUrl = $"/api/admin/sync/instances/{id}" });
        }
        catch (CatalogValidationException ex)
        {
            return FunctionResults.ValidationProblem(ex, "The backfill request is not valid.");
        }
    }

    private sealed record BackfillRequest(int? BatchSize = null);
}
