using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync;

/// <summary>A platform refused a call for a reason a retry cannot fix (validation, authorization, quota); the activity is not retried.</summary>
public sealed class PlatformRejectedException(string message, Exception innerException) : Exception(message, innerException)
{
    /// <summary>Wraps <paramref name="exception"/> when it is a permanent platform refusal; otherwise null.</summary>
    public static PlatformRejectedException? From(Exception exception) => exception is MarketplaceException { IsTransient: false } marketplace
        ? new PlatformRejectedException($"{marketplace.Platform} refused: {marketplace.Message}", marketplace)
        : null;
}
