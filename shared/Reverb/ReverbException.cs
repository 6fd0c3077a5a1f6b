using System.Net;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Reverb;

/// <summary>A Reverb API call failed; <see cref="Exception.Message"/> includes Reverb's own message.</summary>
public class ReverbException(string message, HttpStatusCode? status, string? requestId = null, string? rawBody = null, Exception? innerException = null)
    : MarketplaceException(MarketplacePlatform.Reverb, message, status, requestId, rawBody, innerException);

/// <summary>
/// Reverb rejected the listing (HTTP 412 Precondition Failed with <c>errors</c> by field): <see cref="Fields"/> names
/// every field at fault with Reverb's messages. Not transient: fix the data.
/// </summary>
public sealed class ReverbValidationException(string message, IReadOnlyDictionary<string, IReadOnlyList<string>> fields, string? requestId, string? rawBody)
    : ReverbException(message, HttpStatusCode.PreconditionFailed, requestId, rawBody)
{
    /// <summary>Field name to Reverb's messages for it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; } = fields;
}
