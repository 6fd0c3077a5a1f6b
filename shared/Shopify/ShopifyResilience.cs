using Marketplace.Shared.Marketplaces;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Marketplace.Shared.Shopify;

/// <summary>The one retry pipeline of the Shopify client: transient failures only, server hints first.</summary>
internal static partial class ShopifyResilience
{
    public static ResiliencePipeline CreatePipeline(ShopifyClientOptions options, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = new PredicateBuilder()
                    .Handle<MarketplaceException>(e => e.IsTransient)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                DelayGenerator = static args => ValueTask.FromResult(
                    args.Outcome.Exception is MarketplaceRateLimitException { RetryAfter: { } after } && after > TimeSpan.Zero ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.GetType().Name, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify attempt {Attempt} failed ({ExceptionType}: {Reason}); retrying in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, int attempt, double delayMs, string? exceptionType, string? reason);
}
