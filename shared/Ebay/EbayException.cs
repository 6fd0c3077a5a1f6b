using System.Net;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Ebay;

/// <summary>One entry of eBay's REST error envelope <c>{"errors":[{errorId, domain, category, message, parameters}]}</c>.</summary>
public sealed record EbayError(int ErrorId, string? Domain, string? Category, string Message, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// An eBay REST call failed with an error envelope. <see cref="Errors"/> holds every entry; <see cref="ErrorId"/>
/// and <see cref="Exception.Message"/> describe the first one.
/// </summary>
public class EbayException : MarketplaceException
{
    public EbayException(string message, IReadOnlyList<EbayError> errors, HttpStatusCode? status, string? requestId, string? rawBody)
        : base(MarketplacePlatform.Ebay, message, status, requestId, rawBody)
    {
        Errors = errors;
    }

    /// <summary>Every error eBay returned.</summary>
    public IReadOnlyList<EbayError> Errors { get; }

    /// <summary>The first error id (0 when eBay sent no envelope).</summary>
    public int ErrorId => Errors.Count > 0 ? Errors[0].ErrorId : 0;

    /// <summary>The first error's parameters (name to value).</summary>
    public IReadOnlyDictionary<string, string> Parameters => Errors.Count > 0 ? Errors[0].Parameters : new Dictionary<string, string>();
}

/// <summary>
/// The OAuth token endpoint refused to mint a token (bad client credentials, revoked or expired refresh token,
/// scope not consented) or could not be reached. Not transient except when the endpoint answered 5xx.
/// </summary>
public sealed class EbayAuthException : MarketplaceException
{
    public EbayAuthException(string message, string? oauthError, HttpStatusCode? status = null, string? rawBody = null, Exception? innerException = null)
        : base(MarketplacePlatform.Ebay, message, status, null, rawBody, innerException)
    {
        OAuthError = oauthError;
    }

    /// <summary>The OAuth <c>error</c> code (for example <c>invalid_grant</c>, <c>invalid_client</c>), when sent.</summary>
    public string? OAuthError { get; }
}

/// <summary>
/// Revising this listing again today would exceed eBay's limit of revisions per listing per calendar day
/// (Pacific time). Reported instead of sent; retry after <see cref="MarketplaceQuotaExceededException.ResetsAt"/>.
/// </summary>
public sealed class EbayRevisionLimitException(string sku, int limit, DateTimeOffset resetsAt)
    : MarketplaceQuotaExceededException(MarketplacePlatform.Ebay, $"eBay listing for SKU '{sku}' has reached {limit} revisions today; the limit resets at {resetsAt:O}.", resetsAt)
{
    /// <summary>The SKU whose listing hit the limit.</summary>
    public string Sku { get; } = sku;
}
