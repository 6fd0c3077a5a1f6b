using System.Diagnostics;

namespace Marketplace.Functions.Diagnostics;

/// <summary>
/// Gives every request a correlation id (the caller's <c>x-correlation-id</c> when it is a sane token, else the
/// W3C trace id), echoes it in the response, and puts it in the logging scope so every log line carries it.
/// </summary>
internal sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public const string HeaderName = "x-correlation-id";

    public async Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[HeaderName].ToString();
        var id = IsSane(supplied) ? supplied : Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        context.Response.Headers[HeaderName] = id;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id, ["RequestPath"] = context.Request.Path.Value ?? string.Empty });
        await next(context);
    }

    private static bool IsSane(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
