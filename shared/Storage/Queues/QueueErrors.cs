using Azure;

namespace Marketplace.Shared.Storage.Queues;

/// <summary>Classifies Queue service failures without string matching.</summary>
public static class QueueErrors
{
    /// <summary>
    /// True when an update or delete failed because the pop receipt no longer holds the message: it was received or
    /// updated again since (another receiver has it), deleted, or expired. Azure answers these with 404
    /// <c>MessageNotFound</c>; Azurite answers a stale receipt for a live message with 400 <c>PopReceiptMismatch</c>.
    /// Either way the caller no longer owns the message and must not assume its delete or update happened.
    /// </summary>
    public static bool IsStalePopReceipt(this RequestFailedException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return (exception.Status == 404 && exception.ErrorCode == "MessageNotFound")
            || (exception.Status == 400 && exception.ErrorCode == "PopReceiptMismatch");
    }
}
