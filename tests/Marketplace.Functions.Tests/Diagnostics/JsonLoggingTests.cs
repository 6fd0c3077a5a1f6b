using Marketplace.Functions.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Diagnostics;

/// <summary>The standalone host's log levels: the Azure SDK's expected 404/409 warnings stay out of the operator's log unless asked for.</summary>
public sealed class JsonLoggingTests
{
    [Fact]
    public void TheAzureSdkLog_IsHeldAtError_ByDefault()
    {
        var logger = Logger([]);

        logger.IsEnabled(LogLevel.Warning).ShouldBeFalse();
        logger.IsEnabled(LogLevel.Error).ShouldBeTrue();
    }

    [Fact]
    public void TheAzureSdkLog_FollowsItsConfiguredLevel()
    {
        var logger = Logger(["--Logging:LogLevel:Azure.Core=Warning"]);

        logger.IsEnabled(LogLevel.Warning).ShouldBeTrue();
        logger.IsEnabled(LogLevel.Information).ShouldBeFalse();
    }

    private static ILogger Logger(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddJsonLogging();
        var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggingExtensions.AzureSdkCategory);
    }
}
