using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Shopify;

namespace Marketplace.Functions.Sync;

/// <summary>
/// <c>GET /api/shopify/install?shop=name.myshopify.com</c>: stores a fresh nonce and redirects (302) to the shop's
/// authorize URL. 400 for a shop that is not a myshopify.com domain, 503 when OAuth is not configured.
/// </summary>
internal sealed class ShopifyInstallFunction(ShopifyConnectionService connections)
{
    public const string Name = "ShopifyInstall";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "shopify/install")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!connections.IsConfigured)
        {
            return ShopifyConnectionService.NotConfigured;
        }

        try
        {
            var install = await connections.StartInstallAsync(request.Query["shop"].ToString(), cancellationToken);
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return Results.Redirect(install.AuthorizeUrl.ToString());
        }
        catch (ShopifyException ex)
        {
            return FunctionResults.Problem(StatusCodes.Status400BadRequest, "Cannot start the Shopify install.", ex.Message);
        }
    }
}

/// <summary>
/// <c>GET /api/shopify/callback</c>: the redirect back from Shopify. A wrong HMAC, an unknown, used or expired nonce,
/// another shop or an old timestamp answers 401 and changes nothing; a failed code exchange or webhook registration
/// answers 502. On success the token is in the secret store and the webhooks are registered (200 with the connection).
/// </summary>
internal sealed class ShopifyCallbackFunction(ShopifyConnectionService connections)
{
    public const string Name = "ShopifyCallback";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "shopify/callback")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!connections.IsConfigured)
        {
            return ShopifyConnectionService.NotConfigured;
        }

        try
        {
            var connection = await connections.CompleteInstallAsync(request.QueryValues(), CatalogActor.Create("shopify-oauth", request.Header("X-Correlation-Id")), cancellationToken);
            return FunctionResults.Json(StatusCodes.Status200OK, new { shop = connection.ShopDomain, scopes = connection.Scopes, webhooks = connection.WebhookSubscriptionIds.Count });
        }
        catch (ShopifyException ex) when (ex.Status is null)
        {
            return FunctionResults.Problem(StatusCodes.Status401Unauthorized, "The Shopify callback was refused.", ex.Message);
        }
        catch (ShopifyException ex)
        {
            return FunctionResults.Problem(StatusCodes.Status502BadGateway, "Connecting the shop failed at Shopify.", ex.Message);
        }
    }
}

/// <summary>
/// <c>POST /api/admin/shopify/disconnect?shop=name.myshopify.com</c> (admin key): deletes the app's webhook
/// subscriptions and the stored token, audited. Repeating it is not an error.
/// </summary>
internal sealed class ShopifyDisconnectFunction(ShopifyConnectionService connections)
{
    public const string Name = "ShopifyDisconnect";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/shopify/disconnect")] HttpRequest request, CancellationToken cancellationToken)
    {
        var shop = request.Query["shop"].ToString();
        if (string.IsNullOrEmpty(shop))
        {
            return FunctionResults.Problem(StatusCodes.Status400BadRequest, "The shop query parameter is required.");
        }

        if (!connections.IsConfigured)
        {
            return ShopifyConnectionService.NotConfigured;
        }

        try
        {
            await connections.DisconnectAsync(shop, CatalogActor.Create(request.Header("X-Actor") ?? "admin", request.Header("X-Correlation-Id")), cancellationToken);
            return FunctionResults.Json(StatusCodes.Status200OK, new { shop, disconnected = true });
        }
        catch (ShopifyException ex)
        {
            return FunctionResults.Problem(StatusCodes.Status502BadGateway, "Disconnecting the shop failed at Shopify.", ex.Message);
        }
    }
}
