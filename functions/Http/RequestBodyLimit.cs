using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Http;

/// <summary>
/// The request size limit of the admin routes, the same in both hosts: the body is read through a
/// <see cref="LimitedRequestBody"/> (chunked bodies count too, not only <c>Content-Length</c>), an endpoint may
/// raise its own limit with <see cref="IRequestSizeLimitMetadata"/> (the CSV upload), and going over answers
/// 413 problem details.
/// </summary>
internal static class RequestBodyLimit
{
    private const string AdminRoutePrefix = "admin/";

    /// <summary>Runs <paramref name="next"/> with the body limited when the trigger is an admin route; 413 when the body is over.</summary>
    public static async Task RunAsync(HttpContext context, HttpTriggerAttribute trigger, Func<Task> next)
    {
        if (trigger.Route?.StartsWith(AdminRoutePrefix, StringComparison.OrdinalIgnoreCase) != true)
        {
            await next();
            return;
        }

        var limit = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.MaxRequestBytes;
        context.Request.Body = new LimitedRequestBody(context.Request.Body, context.Request.ContentLength, limit);
        try
        {
            await next();
        }
        catch (RequestTooLargeException ex) when (!context.Response.HasStarted)
        {
            await FunctionRequests.TooLarge(ex.Limit).ExecuteAsync(context);
        }
    }

    /// <summary>Applies the endpoint's own <see cref="IRequestSizeLimitMetadata"/> (after routing, before the body is read).</summary>
    public static Task ApplyEndpointLimit(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } max }
            && context.Request.Body is LimitedRequestBody body)
        {
            body.Limit = max;
        }

        return next(context);
    }
}

/// <summary>Endpoint metadata: this endpoint reads up to <see cref="MaxRequestBodySize"/> bytes.</summary>
internal sealed record RequestBodyLimitMetadata(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

/// <summary>A body over the limit: the declared <c>Content-Length</c> or the bytes read so far.</summary>
internal sealed class RequestTooLargeException(long limit) : IOException($"The request body is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>A read-only body that throws <see cref="RequestTooLargeException"/> once more than <see cref="Limit"/> bytes arrive.</summary>
internal sealed class LimitedRequestBody(Stream inner, long? declaredLength, long limit) : Stream
{
    private long _read;

    public long Limit { get; set; } = limit;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Check(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer[..Check(buffer.Length)], cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Check(int count) => declaredLength > Limit ? throw new RequestTooLargeException(Limit) : count;

    private int Count(int read)
    {
        _read += read;
        return _read > Limit ? throw new RequestTooLargeException(Limit) : read;
    }
}
