using System.Net;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.VintageAndRare;

/// <summary>
/// A browser step on the Vintage &amp; Rare site failed. <see cref="Screenshot"/> and <see cref="Html"/> point at the
/// evidence saved to Blob storage (for the audit entry and the attempt log), when the page could still be captured.
/// </summary>
public sealed class VintageAndRareException(string message, HttpStatusCode? status = null, bool transient = true, Exception? innerException = null, string? rawBody = null)
    : MarketplaceException(MarketplacePlatform.VintageAndRare, message, status, rawBody: rawBody, innerException: innerException)
{
    /// <summary>Screenshot of the page at the failure.</summary>
    public Uri? Screenshot { get; init; }

    /// <summary>The page's HTML at the failure.</summary>
    public Uri? Html { get; init; }

    /// <inheritdoc />
    public override bool IsTransient => transient && base.IsTransient;
}
