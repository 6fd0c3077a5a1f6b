using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Storage;

/// <summary>
/// Logs every storage attempt with method, path, status, duration and request ids. The query string
/// (which may carry pop receipts or SAS signatures) and all headers are left out, so no secret reaches the log.
/// </summary>
internal sealed partial class StorageLoggingPolicy(StorageService service, ILogger logger) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (async)
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            else
            {
                ProcessNext(message, pipeline);
            }
        }
        catch (Exception ex) when (logger.IsEnabled(LogLevel.Warning))
        {
            LogTransportFailure(logger, service, message.Request.Method.Method, message.Request.Uri.Path, message.Request.ClientRequestId, ex.GetType().Name);
            throw;
        }

        var response = message.Response;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        if (response.Status >= 500 || response.Status is 408 or 429)
        {
            LogTransient(logger, service, message.Request.Method.Method, message.Request.Uri.Path, response.Status, elapsed, message.Request.ClientRequestId, requestId);
        }
        else
        {
            LogCompleted(logger, service, message.Request.Method.Method, message.Request.Uri.Path, response.Status, elapsed, message.Request.ClientRequestId, requestId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Storage {Service} {Method} {Path} -> {Status} in {ElapsedMs:F1} ms (client request id {ClientRequestId}, request id {RequestId})")]
    private static partial void LogCompleted(ILogger logger, StorageService service, string method, string path, int status, double elapsedMs, string clientRequestId, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage {Service} {Method} {Path} -> {Status} in {ElapsedMs:F1} ms, will retry if attempts remain (client request id {ClientRequestId}, request id {RequestId})")]
    private static partial void LogTransient(ILogger logger, StorageService service, string method, string path, int status, double elapsedMs, string clientRequestId, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage {Service} {Method} {Path} failed in transport: {ExceptionType} (client request id {ClientRequestId})")]
    private static partial void LogTransportFailure(ILogger logger, StorageService service, string method, string path, string clientRequestId, string exceptionType);
}
