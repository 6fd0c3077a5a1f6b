using System.Net;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Discogs;

/// <summary>A Discogs API call failed; <see cref="Exception.Message"/> includes Discogs's own <c>message</c>.</summary>
public class DiscogsException(string message, HttpStatusCode? status, string? rawBody = null, Exception? innerException = null)
    : MarketplaceException(MarketplacePlatform.Discogs, message, status, null, rawBody, innerException);
