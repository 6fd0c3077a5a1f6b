namespace Marketplace.Functions.Diagnostics;

internal static class LoggingExtensions
{
    /// <summary>The log category of the Azure SDK's HTTP pipeline.</summary>
    public const string AzureSdkCategory = "Azure.Core";

    /// <summary>
    /// One JSON object per line with scopes (correlation id, function, invocation, platform). ASP.NET Core's
    /// request-line logs are held at Warning because they would print query strings, which can carry the
    /// <c>code</c> key. The Azure SDK's own log (<c>Azure.Core</c>) is held at Error unless configured
    /// (<c>Logging:LogLevel:Azure.Core</c>): it logs every expected 404 and 409 answer (a container that already exists,
    /// a blob looked up before it is written) as a Warning with its headers, which reads as a fault to an operator;
    /// storage failures reach our own logs as exceptions.
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
        if (builder.Configuration[$"Logging:LogLevel:{AzureSdkCategory}"] is null)
        {
            builder.Logging.AddFilter(AzureSdkCategory, LogLevel.Error);
        }

        return builder;
    }
}
