using Azure.Core;

namespace Marketplace.Shared.Storage;

/// <summary>
/// Retries what Azure Storage documents as transient: 408, 429, 500 and 503 (and network failures,
/// which Azure.Core's retry policy already treats as retriable). Waits honour <c>Retry-After</c>,
/// <c>retry-after-ms</c> and <c>x-ms-retry-after-ms</c> through Azure.Core's delay strategy.
/// </summary>
internal sealed class StorageResponseClassifier : ResponseClassifier
{
    public override bool IsRetriableResponse(HttpMessage message) =>
        message.Response.Status is 408 or 429 or 500 or 503;
}
