using Marketplace.Functions.Http;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Shopware.App;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Shopware;

/// <summary>
/// <c>GET /api/shopware/app/register</c>, the manifest's <c>&lt;registrationUrl&gt;</c>: a shop installing our app
/// (<c>?shop-id&amp;shop-url&amp;timestamp</c>, signed with the app secret in <c>shopware-app-signature</c>) is answered with
/// <c>proof</c>, its own <c>secret</c> and the <c>confirmation_url</c> (see <see cref="ConfirmationUrl"/>). A wrong signature
/// or old request: 401 problem, audited; no app secret configured: 503 problem.
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
            var confirm = ConfirmationUrl(request, registration.Options.PublicBaseUrl);
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

    /// <summary>
    /// Where the shop is to post its credentials: <c>{publicBaseUrl}/api/shopware/app/confirm</c> when configured
    /// (<see cref="ShopwareAppOptions.PublicBaseUrl"/>), else the address this request came in on. Under the Functions host the
    /// worker has already applied the host's <c>X-Forwarded-*</c> headers to the request (and removed them); a proxy in front
    /// of the standalone host is honoured here (the first, outermost value of <c>X-Forwarded-Proto</c> and
    /// <c>X-Forwarded-Host</c>; values that make no http(s) URL are ignored).
    /// </summary>
    internal static Uri ConfirmationUrl(HttpRequest request, Uri? publicBaseUrl)
    {
        const string path = "/api/" + ShopwareAppConfirmFunction.Route;
        if (publicBaseUrl is not null)
        {
            return new Uri(publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path);
        }

        var scheme = Forwarded(request, "X-Forwarded-Proto") switch
        {
            { } proto when proto.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) => Uri.UriSchemeHttps,
            { } proto when proto.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) => Uri.UriSchemeHttp,
            _ => request.Scheme,
        };
        var host = Forwarded(request, "X-Forwarded-Host") is { } forwarded && HostString.FromUriComponent(forwarded) is var named
            && Uri.CheckHostName(named.Host) != UriHostNameType.Unknown ? named : request.Host;
        return new Uri(UriHelper.BuildAbsolute(scheme, host, request.PathBase, path));
    }

    private static string? Forwarded(HttpRequest request, string header) =>
        request.Header(header)?.Split(',', 2)[0].Trim() is { Length: > 0 } value ? value : null;
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
    public const string Route = "shopware/app/confirm";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, CancellationToken cancellationToken)
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
