using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Storage.Queues;

/// <summary>
/// One queue of the Queue service (the hand-written counterpart of Azure.Storage.Queues' <c>QueueClient</c>), from
/// <see cref="QueueServiceClient.GetQueueClient"/>. Messages are text encoded as the Azure Functions host expects
/// (UTF-8 then base64), so queue triggers and these clients read each other's messages.
/// Delivery is at least once: a received message that is not deleted before its visibility timeout comes back
/// with a higher <see cref="QueueMessage.DequeueCount"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Failed requests throw <see cref="RequestFailedException"/> with <see cref="RequestFailedException.Status"/> and the
/// storage <see cref="RequestFailedException.ErrorCode"/> (for example 404 <c>QueueNotFound</c>, 404
/// <c>MessageNotFound</c>, 400 <c>PopReceiptMismatch</c>; <see cref="QueueErrors.IsStalePopReceipt"/> covers the last two)
/// after the pipeline's retries of transient failures.
/// </remarks>
public sealed partial class QueueClient
{
    /// <summary>The largest message the service accepts, measured after base64 encoding: 64 KiB.</summary>
    public const int MessageMaxBytes = QueueMessageEncoding.MaxEncodedBytes;

    /// <summary>The most messages one receive or peek can return.</summary>
    public const int MaxMessagesPerRequest = 32;

    private readonly HttpPipeline _pipeline;

    internal QueueClient(HttpPipeline pipeline, Uri uri, string name, ILogger logger)
    {
        _pipeline = pipeline;
        Uri = uri;
        Name = name;
        Logger = logger;
    }

    /// <summary>Pass as a time to live for a message that never expires (the REST API's <c>messagettl=-1</c>).</summary>
    public static TimeSpan NeverExpires { get; } = TimeSpan.FromSeconds(-1);

    /// <summary>The queue name.</summary>
    public string Name { get; }

    /// <summary>The queue's URI.</summary>
    public Uri Uri { get; }

    internal ILogger Logger { get; }

    /// <summary>Creates the queue unless it exists. Idempotent.</summary>
    /// <returns>True when this call created it; false when it already existed.</returns>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put);
        var response = await SendAsync(message, cancellationToken);
        return response.Status switch
        {
            201 => true,
            204 => false,
            409 when ErrorCode(response) == "QueueAlreadyExists" => false,
            _ => throw StorageErrors.CreateException(response, $"create queue '{Name}'"),
        };
    }

    /// <summary>Deletes the queue and all its messages if it exists. Idempotent.</summary>
    /// <returns>True when this call deleted it; false when it did not exist.</returns>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete);
        var response = await SendAsync(message, cancellationToken);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StorageErrors.CreateException(response, $"delete queue '{Name}'"),
        };
    }

    /// <summary>True when the queue exists.</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, query: [("comp", "metadata")]);
        var response = await SendAsync(message, cancellationToken);
        return response.Status switch
        {
            200 => true,
            404 => false,
            _ => throw StorageErrors.CreateException(response, $"check queue '{Name}' exists"),
        };
    }

    /// <summary>The queue's approximate message count and metadata.</summary>
    /// <exception cref="RequestFailedException">404 <c>QueueNotFound</c> when the queue does not exist.</exception>
    public async Task<QueueProperties> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, query: [("comp", "metadata")]);
        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"get properties of queue '{Name}'");
        }

        var count = response.Headers.TryGetValue("x-ms-approximate-messages-count", out var value)
            ? int.Parse(value, CultureInfo.InvariantCulture)
            : 0;
        var metadata = response.Headers
            .Where(h => h.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Name["x-ms-meta-".Length..], h => h.Value, StringComparer.OrdinalIgnoreCase);
        return new QueueProperties(count, metadata);
    }

    /// <summary>A client for another queue of the same account, sharing this client's pipeline.</summary>
    internal QueueClient GetSiblingQueueClient(string queueName)
    {
        QueueNameValidator.Validate(queueName, nameof(queueName));
        return new QueueClient(_pipeline, new Uri(Uri, queueName), queueName, Logger);
    }

    private HttpMessage CreateMessage(RequestMethod method, string? path = null, IEnumerable<(string Name, string Value)>? query = null)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(Uri);
        if (path is not null)
        {
            message.Request.Uri.AppendPath(path, escape: false);
        }

        foreach (var (name, value) in query ?? [])
        {
            message.Request.Uri.AppendQuery(name, value, escapeValue: true);
        }

        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response;
    }

    private static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null;

    private static string Seconds(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
