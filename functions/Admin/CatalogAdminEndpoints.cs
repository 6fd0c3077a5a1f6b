using Marketplace.Functions.Http;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Microsoft.Extensions.Options;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

/// <summary>
/// The catalog admin JSON API under <c>/api/admin/catalog</c>: products, ledger and adjustments, listings,
/// change sets, audit log, reports and CSV import/export. Errors are RFC 7807 problem details; validation
/// errors name the field (or query parameter) at fault. Who acts comes from <c>X-Actor</c>, the correlation
/// id from <c>X-Correlation-Id</c>. Writes take the version last read (<c>version</c> in a PUT body,
/// <c>?version=</c> on DELETE, which archives: products are never deleted) and answer 409 when it is stale.
/// Needs <c>services.AddCatalog(...)</c>; key protection is added by the host on the returned group.
/// </summary>
internal static partial class CatalogAdminEndpoints
{
    public const string Prefix = "/api/admin/catalog";

    public static RouteGroupBuilder MapCatalogAdminApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(Prefix).AddEndpointFilter(ProblemFilter).WithTags("catalog");
        MapProducts(api);
        MapInventory(api);
        MapChangeSets(api);
        MapAuditAndReports(api);
        MapCsv(api, endpoints.ServiceProvider.GetService<IOptions<AdminOptions>>()?.Value.MaxCsvUploadBytes ?? new AdminOptions().MaxCsvUploadBytes);
        MapRules(api);
        MapShippingProfiles(api);
        return api;
    }

    private static void MapProducts(RouteGroupBuilder api)
    {
        api.MapGet("/products", async (HttpRequest request, ProductCatalog products, CancellationToken ct) =>
        {
            var q = request.Query;
            var page = await products.SearchAsync(new ProductQuery(
                q["q"].FirstOrDefault(),
                Enum<ProductStatus>(q["status"], "status"),
                q["brand"].FirstOrDefault(),
                q["category"].FirstOrDefault(),
                Enum<Handedness>(q["handedness"], "handedness"),
                Bool(q["inStock"], "inStock"),
                q["cursor"].FirstOrDefault(),
                Int(q["pageSize"], "pageSize", 50)), ct);
            return Json(page);
        });

        api.MapPost("/products", async (HttpContext http, ProductCatalog products, CancellationToken ct) =>
        {
            var input = await ReadAsync<Product>(http.Request, ct);
            var created = await products.CreateAsync(input, Actor(http), ct);
            http.Response.Headers.Location = $"{Prefix}/products/{Uri.EscapeDataString(created.Sku)}";
            return Json(created, StatusCodes.Status201Created);
        });

        api.MapGet("/products/{sku}", async (string sku, ProductCatalog products, CancellationToken ct) =>
            await products.GetAsync(sku, ct) is { } product ? Json(product) : throw NotFound(sku));

        api.MapPut("/products/{sku}", async (string sku, HttpContext http, ProductCatalog products, CancellationToken ct) =>
        {
            var input = await ReadAsync<Product>(http.Request, ct);
            if (!string.Equals(input.Sku, sku, StringComparison.Ordinal))
            {
                throw CatalogValidationException.For("sku", $"The body's SKU '{input.Sku}' differs from the route's '{sku}'; a SKU cannot change.");
            }

            if (input.Version < 1)
            {
                throw CatalogValidationException.For("version", "Send the version you last read (optimistic concurrency).");
            }

            return Json(await products.UpdateAsync(input, input.Version, Actor(http), ct));
        });

        api.MapDelete("/products/{sku}", async (string sku, HttpContext http, ProductCatalog products, CancellationToken ct) =>
        {
            var version = Int(http.Request.Query["version"], "version", 0);
            if (version < 1)
            {
                throw CatalogValidationException.For("version", "Send ?version= with the version you last read.");
            }

            return Json(await products.ArchiveAsync(sku, version, Actor(http), ct));
        });

        api.MapGet("/products/{sku}/versions/{version:long}", async (string sku, long version, ProductCatalog products, CancellationToken ct) =>
            await products.GetVersionAsync(sku, version, ct) is { } product ? Json(product) : throw new CatalogNotFoundException($"Product '{sku}' has no version {version}.", "version"));

        api.MapGet("/products/{sku}/prices", async (string sku, ProductCatalog products, CancellationToken ct) =>
        {
            var product = await products.GetAsync(sku, ct) ?? throw NotFound(sku);
            return Json(PlatformNames.Values.Select(p => new
            {
                platform = p,
                price = product.PriceRules.TryGetValue(p, out var rule) ? rule.Apply(product.BasePrice) : product.BasePrice,
                currency = product.Currency,
                rule = product.PriceRules.TryGetValue(p, out var r) ? r.ToString() : null,
            }));
        });
    }

    private static CatalogNotFoundException NotFound(string sku) => new($"There is no product with SKU '{sku}'.", "sku");
}
