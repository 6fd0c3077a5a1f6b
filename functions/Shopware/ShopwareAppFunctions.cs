using Marketplace.Functions.Http;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Shopware.App;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Shopware;

/// <summary>
/// <c>GET /api/shopware/app/register</c>, the manifest's <c>&lt;registrationUrl&gt;</c>: a shop installing our app
/// (<c>?shop-id&amp;shop-url&amp;timestamp</c>, signed with the app secret in <c>shopware-app-signature</c>) is answered with
/// <c>proof</c>, its own <c>secret</c> and the <c>confirmation_url</c>. A wrong signature or old request: 401 problem,
/// audited; no app secret configured: 503 problem.
/// </summary>
internal sealed class ShopwareAppRegisterFunction(ShopwareAppRegistration registration, ShopwareAppAudit audit)
{
    public const string Name = "ShopwareAppRegister";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "shopware/app/register")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!registration.Options.IsConfigured)
        {
            return ShopwareAppAudit.NotConfigured;
        }

        try
        {
            var confirm = new UriBuilder(request.Scheme, request.Host.Host, request.Host.Port ?? -1, request.PathBase + "/api/shopware/app/confirm").Uri;
            var answer = await registration.RegisterAsync(request.QueryString.Value ?? string.Empty, request.Header(ShopwareAppRegistration.AppSignatureHeader), confirm,
                cancellationToken);
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return FunctionResults.Json(StatusCodes.Status200OK, new { proof = answer.Proof, secret = answer.Secret, confirmation_url = answer.ConfirmationUrl.ToString() });
        }
        catch (ShopwareAppAuthenticationException ex)
        {
            await audit.RecordAsync(request.Query["shop-id"].ToString(), "shopware.app.register", AuditOutcome.Failure, ex.Message, cancellationToken);
            return FunctionResults.Problem(StatusCodes.Status401Unauthorized, "The Shopware registration request was refused.", ex.Message);
        }
    }
}

/// <summary>
/// <c>POST /api/shopware/app/confirm</c>, the <c>confirmation_url</c>: the shop sends its API credentials signed with the
/// secret it was given (<c>shopware-shop-signature</c>); they go to the secret store and the shop's webhooks are accepted
/// from then on. Refused (401 problem, audited) for a shop with no registration waiting, a wrong signature, another shop URL
/// or an old timestamp.
/// </summary>
internal sealed class ShopwareAppConfirmFunction(ShopwareAppRegistration registration, ShopwareAppAudit audit)
{
    public const string Name = "ShopwareAppConfirm";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shopware/app/confirm")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!registration.Options.IsConfigured)
        {
            return ShopwareAppAudit.NotConfigured;
        }

        if (await request.ReadBodyAsync(cancellationToken) is not { } body)
        {
            return FunctionRequests.TooLarge();
        }

        try
        {
            var shop = await registration.ConfirmAsync(body, request.Header(ShopwareAppRegistration.ShopSignatureHeader), cancellationToken);
            await audit.RecordAsync(shop.ShopId, "shopware.app.confirm", AuditOutcome.Success, $"shop {shop.ShopUrl} registered; its API credentials are in the secret store",
                cancellationToken);
            return FunctionResults.Json(StatusCodes.Status200OK, new { shopId = shop.ShopId, shopUrl = shop.ShopUrl });
        }
        catch (ShopwareAppAuthenticationException ex)
        {
            await audit.RecordAsync(null, "shopware.app.confirm", AuditOutcome.Failure, ex.Message, cancellationToken);
            return FunctionResults.Problem(StatusCodes.Status401Unauthorized, "The Shopware registration confirmation was refused.", ex.Message);
        }
    }
}

/// <summary>Audit entries of the app handshake under <see cref="Key"/> (one trail per shop id).</summary>
internal sealed class ShopwareAppAudit(AuditLog audit)
{
    public static IResult NotConfigured { get; } = FunctionResults.Problem(StatusCodes.Status503ServiceUnavailable,
        "The Shopware app is not configured (Shopware:AppSecret).");

    // A refused request's shop id is whatever the caller sent: only a plain one names the trail.
    public static string Key(string? shopId) =>
        "shopware-app:" + (shopId is { Length: > 0 and <= 64 } && shopId.All(char.IsAsciiLetterOrDigit) ? shopId : "unknown");

    public Task RecordAsync(string? shopId, string action, AuditOutcome outcome, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(Key(shopId), CatalogActor.Create("shopware-app"), action, outcome, Shared.Catalog.Platform.Shopware, detail, cancellationToken);
}
