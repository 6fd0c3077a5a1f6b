using Marketplace.Functions.Catalog;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Shopify;

namespace Marketplace.Functions.Sync;

/// <summary>
/// <c>GET /api/shopify/install?shop=name.myshopify.com</c>: stores a fresh nonce and redirects (302) to the shop's
/// authorize URL. 400 for a shop that is not a myshopify.com domain, 503 when OAuth is not configured.
/// </summary>
internal sealed class ShopifyInstallFunction(ShopifyConnectionService connections) : IHttpFunction
{
    public const string Name = "ShopifyInstall";

    public async Task<HttpFunctionResponse> HandleAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        if (!connections.IsConfigured)
        {
            return ShopifyConnectionService.NotConfigured;
        }

        try
        {
            var install = await connections.StartInstallAsync(request.Query.GetValueOrDefault("shop") ?? string.Empty, cancellationToken);
            return new HttpFunctionResponse(StatusCodes.Status302Found, null, ReadOnlyMemory<byte>.Empty)
            {
                Headers = new Dictionary<string, string> { ["Location"] = install.AuthorizeUrl.ToString(), ["Cache-Control"] = "no-store" },
            };
        }
        catch (ShopifyException ex)
        {
            return HttpFunctionResponse.Problem(StatusCodes.Status400BadRequest, "Cannot start the Shopify install.", ex.Message);
        }
    }
}

/// <summary>
/// <c>GET /api/shopify/callback</c>: the redirect back from Shopify. A wrong HMAC, an unknown, used or expired nonce,
/// another shop or an old timestamp answers 401 and changes nothing; a failed code exchange or webhook registration
/// answers 502. On success the token is in the secret store and the webhooks are registered (200 with the connection).
/// </summary>
internal sealed class ShopifyCallbackFunction(ShopifyConnectionService connections) : IHttpFunction
{
    public const string Name = "ShopifyCallback";

    public async Task<HttpFunctionResponse> HandleAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        if (!connections.IsConfigured)
        {
            return ShopifyConnectionService.NotConfigured;
        }

        try
        {
            var connection = await connections.CompleteInstallAsync(request.Query, CatalogActor.Create("shopify-oauth", request.Header("X-Correlation-Id")), cancellationToken);
            return HttpFunctionResponse.Json(StatusCodes.Status200OK, new { shop = connection.ShopDomain, scopes = connection.Scopes, webhooks = connection.WebhookSubscriptionIds.Count });
        }
        catch (ShopifyException ex) when (ex.Status is null)
        {
            return HttpFunctionResponse.Problem(StatusCodes.Status401Unauthorized, "The Shopify callback was refused.", ex.Message);
        }
        catch (ShopifyException ex)
        {
            return HttpFunctionResponse.Problem(StatusCodes.Status502BadGateway, "Connecting the shop failed at Shopify.", ex.Message);
        }
    }
}

/// <summary>
/// <c>POST /api/admin/shopify/disconnect?shop=name.myshopify.com</c> (admin key): deletes the app's webhook
/// subscriptions and the stored token, audited. Repeating it is not an error.
/// </summary>
internal sealed class ShopifyDisconnectFunction(ShopifyConnectionService connections) : IHttpFunction
{
    public const string Name = "ShopifyDisconnect";

    public async Task<HttpFunctionResponse> HandleAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        var shop = request.Query.GetValueOrDefault("shop");
        if (string.IsNullOrEmpty(shop))
        {
            return HttpFunctionResponse.Problem(StatusCodes.Status400BadRequest, "The shop query parameter is required.");
        }

        if (!connections.IsConfigured)
        {
            return ShopifyConnectionService.NotConfigured;
        }

        try
        {
            await connections.DisconnectAsync(shop, CatalogActor.Create(request.Header("X-Actor") ?? "admin", request.Header("X-Correlation-Id")), cancellationToken);
            return HttpFunctionResponse.Json(StatusCodes.Status200OK, new { shop, disconnected = true });
        }
        catch (ShopifyException ex)
        {
            return HttpFunctionResponse.Problem(StatusCodes.Status502BadGateway, "Disconnecting the shop failed at Shopify.", ex.Message);
        }
    }
}
