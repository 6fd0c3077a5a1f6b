using System.Globalization;
using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Shopify;

namespace Marketplace.Functions.Sync;

/// <summary>
/// <c>POST /api/admin/shopify/pull[?since=ISO-8601]</c> (admin key): reads the configured shop's products (a bulk export,
/// or the products updated since a time) and stages them into change sets one product at a time; answers the counts and
/// the batch id that groups the change sets. Quantities are compared sales first (<see cref="ShopifyCatalogSync.StageExportAsync"/>). 503 when no shop is configured, 502 when Shopify fails.
/// </summary>
internal sealed class ShopifyPullFunction(IServiceProvider services, ShopifyCatalogSync sync, SaleStarter starter, TimeProvider time)
{
    public const string Name = "ShopifyPull";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/shopify/pull")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (services.GetService<ShopifyClient>() is not { } client)
        {
            return FunctionResults.Problem(StatusCodes.Status503ServiceUnavailable, "No Shopify shop is configured (Shopify:ShopDomain).");
        }

        DateTimeOffset? since = null;
        if (request.Query["since"].ToString() is { Length: > 0 } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return FunctionResults.FieldProblem(StatusCodes.Status400BadRequest, "The request is invalid.", "since",
                    "'since' is not an ISO 8601 time such as 2026-01-31T12:00:00Z.");
            }

            since = parsed;
        }

        try
        {
            var products = since is null ? client.ExportProductsAsync(cancellationToken) : client.GetProductsUpdatedSinceAsync(since, cancellationToken: cancellationToken);
            var actor = CatalogActor.Create(request.Header("X-Actor") ?? "admin", request.Header("X-Correlation-Id"));
            // Sales first, then drift: the shop's recent orders are read with the products, and their lines not yet in the
            // ledger are started through the sale path (a no-op when their webhook already did).
            var sales = new RecentSales(client.GetSalesSinceAsync, sync.SalesLookback, time);
            var summary = await sync.StageExportAsync(products, sales, actor, unledgered: (sale, ct) => starter.StartAsync(sale, ct), cancellationToken: cancellationToken);
            return FunctionResults.Json(StatusCodes.Status200OK, summary);
        }
        catch (ShopifyException ex)
        {
            return FunctionResults.Problem(StatusCodes.Status502BadGateway, "Reading the products from Shopify failed.", ex.Message);
        }
    }
}
