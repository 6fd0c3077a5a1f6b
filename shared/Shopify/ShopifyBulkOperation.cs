using System.Collections.Concurrent;
using System.Text.Json;

namespace Marketplace.Shared.Shopify;

/// <summary>A bulk operation's state (<c>bulkOperation(id:)</c>).</summary>
/// <param name="Id">gid://shopify/BulkOperation/...</param>
/// <param name="Status">CREATED, RUNNING, COMPLETED, CANCELING, CANCELED, EXPIRED or FAILED.</param>
/// <param name="ErrorCode">ACCESS_DENIED, INTERNAL_SERVER_ERROR or TIMEOUT when it failed.</param>
/// <param name="Type">QUERY or MUTATION.</param>
/// <param name="ObjectCount">Objects processed.</param>
/// <param name="Url">The JSONL result, when completed with output.</param>
/// <param name="PartialDataUrl">Partial output of a failed operation.</param>
public sealed record ShopifyBulkOperation(string Id, string Status, string? ErrorCode, string? Type, long ObjectCount, Uri? Url, Uri? PartialDataUrl)
{
    /// <summary>True once the operation can no longer change.</summary>
    public bool IsFinished => Status is "COMPLETED" or "CANCELED" or "EXPIRED" or "FAILED";

    internal static ShopifyBulkOperation Read(JsonElement node) => new(
        node.GetProperty("id").GetString()!,
        node.OptionalString("status") ?? "CREATED",
        node.OptionalString("errorCode"),
        node.OptionalString("type"),
        node.TryGetProperty("objectCount", out var count) && count.ValueKind is JsonValueKind.String or JsonValueKind.Number ? long.Parse(count.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 0,
        node.OptionalString("url") is { } url ? new Uri(url) : null,
        node.OptionalString("partialDataUrl") is { } partial ? new Uri(partial) : null);
}

/// <summary>Wakes waiters of a bulk operation when its <c>bulk_operations/finish</c> webhook arrives (process-wide).</summary>
internal static class ShopifyBulkSignals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Signals = new(StringComparer.Ordinal);

    public static Task WhenSignalled(string id) => Signals.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void Signal(string id) => Signals.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public static void Forget(string id) => Signals.TryRemove(id, out _);
}
