namespace Marketplace.Functions.Diagnostics;

internal static class LoggingExtensions
{
    /// <summary>
    /// One JSON object per line with scopes (correlation id, function, invocation, platform). ASP.NET Core's
    /// request-line logs are held at Warning because they would print query strings, which can carry the
    /// <c>code</c> key.
    /// </summary>
    public static IHostApplicationBuilder AddJsonLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        return builder;
    }
}
