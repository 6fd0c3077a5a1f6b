using System.Net;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

/// <summary>
/// One entry of Shopware's <c>errors[]</c>: HTTP status, error code, detail, and the JSON pointer of the field at fault
/// (<c>/0/name</c> for a single write, <c>/{operation key}/{index}/{field}</c> in <c>_action/sync</c>).
/// </summary>
public sealed record ShopwareApiError(string? Status, string? Code, string? Title, string? Detail, string? Pointer)
{
    /// <summary>The sync operation key and payload index the pointer names, when it names one (<c>/write-stock/3/stock</c>).</summary>
    public (string Key, int Index)? SyncTarget
    {
        get
        {
            var parts = Pointer?.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts is { Length: >= 2 } && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var index) ? (parts[0], index) : null;
        }
    }

    public override string ToString() => $"{Code ?? Status}: {Detail ?? Title}{(Pointer is null ? string.Empty : $" at {Pointer}")}";
}

/// <summary>A Shopware Admin API call failed; <see cref="Errors"/> holds Shopware's <c>errors[]</c>.</summary>
public class ShopwareException(string message, HttpStatusCode? status, IReadOnlyList<ShopwareApiError>? errors = null, string? requestId = null, string? rawBody = null, Exception? innerException = null)
    : MarketplaceException(MarketplacePlatform.Shopware, message, status, requestId, rawBody, innerException)
{
    /// <summary>Shopware's errors, in its order (empty when the answer had none).</summary>
    public IReadOnlyList<ShopwareApiError> Errors { get; } = errors ?? [];
}

/// <summary>
/// Shopware refused the data (HTTP 400 with <c>errors[]</c>: constraint violations, duplicate product numbers). Not
/// transient: fix the data. In <c>_action/sync</c> nothing of the request was written (it is one transaction).
/// </summary>
public sealed class ShopwareValidationException(string message, IReadOnlyList<ShopwareApiError> errors, string? requestId, string? rawBody)
    : ShopwareException(message, HttpStatusCode.BadRequest, errors, requestId, rawBody);

/// <summary>The configured rollout mode does not allow this call; nothing was sent. Permanent until the mode changes.</summary>
public sealed class ShopwareRolloutException(ShopwareRolloutMode mode, string operation)
    : ShopwareException($"Shopware rollout mode {mode} does not allow {operation}.", null)
{
    /// <summary>The mode that refused.</summary>
    public ShopwareRolloutMode Mode { get; } = mode;

    /// <inheritdoc />
    public override bool IsTransient => false;
}
