using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Marketplace.Shared.Marketplaces;

/// <summary>What a REST marketplace client tells <see cref="MarketplaceHttpPipeline"/> about its platform.</summary>
/// <param name="MaxRetries">Retries after the first attempt (0: none).</param>
/// <param name="RetryBaseDelay">First backoff delay, doubled per retry with jitter; the server's hint wins.</param>
/// <param name="AttemptTimeout">Timeout of one HTTP attempt.</param>
/// <param name="ShouldRetry">The platform's rule: retry this outcome? The flag says whether the request may be repeated after an ambiguous failure.</param>
/// <param name="RetryAfter">The server's delay hint in a throttled answer, or null for the backoff.</param>
/// <param name="OnRetry">Logs a retry: status (or exception name), attempt number, delay in ms.</param>
internal sealed record MarketplaceRetryRules(
    int MaxRetries,
    TimeSpan RetryBaseDelay,
    TimeSpan AttemptTimeout,
    Func<Outcome<HttpResponseMessage>, bool, bool> ShouldRetry,
    Func<HttpResponseMessage?, TimeSpan?> RetryAfter,
    Action<string, int, double> OnRetry);

/// <summary>
/// The resilience of the REST marketplace clients (eBay, Reverb), built once per client: HTTP calls get retries with
/// exponential backoff and jitter around a per-attempt timeout, for the outcomes the platform's
/// <see cref="MarketplaceRetryRules.ShouldRetry"/> picks (a retried answer is disposed); creates get a second pipeline
/// that retries only transient <see cref="MarketplaceException"/>s, whose callback must look the SKU up before creating
/// again. A call whose outcome is unknown (attempt timeout, transport failure) surfaces as the caller's exception.
/// </summary>
internal sealed class MarketplaceHttpPipeline
{
    private static readonly ResiliencePropertyKey<bool> RetrySafeKey = new("marketplace.retry-safe");

    private readonly ResiliencePipeline<HttpResponseMessage> _http;
    private readonly ResiliencePipeline _create;

    public MarketplaceHttpPipeline(MarketplaceRetryRules rules, TimeProvider time)
    {
        var http = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        var create = new ResiliencePipelineBuilder { TimeProvider = time };
        if (rules.MaxRetries > 0)
        {
            http.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = rules.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = rules.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(rules.ShouldRetry(args.Outcome, args.Context.Properties.GetValue(RetrySafeKey, false))),
                DelayGenerator = args => ValueTask.FromResult(rules.RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var status = args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?";
                    rules.OnRetry(status, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
            create.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = rules.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = rules.RetryBaseDelay,
                ShouldHandle = new PredicateBuilder().Handle<MarketplaceException>(ex => ex.IsTransient),
            });
        }

        _http = http.AddTimeout(rules.AttemptTimeout).Build();
        _create = create.Build();
    }

    /// <summary>
    /// Sends through the pipeline and returns a successful response. A final non-success answer becomes
    /// <paramref name="failure"/>'s exception (the response is disposed after); an unknown outcome becomes
    /// <paramref name="incomplete"/>'s.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync<TState>(
        TState state,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> send,
        bool retrySafe,
        Func<Exception, Exception> incomplete,
        Func<HttpResponseMessage, CancellationToken, Task<MarketplaceException>> failure,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetrySafeKey, retrySafe);
        HttpResponseMessage response;
        try
        {
            response = await _http.ExecuteAsync(static async (ctx, s) => await s.Send(s.State, ctx.CancellationToken), context, (State: state, Send: send));
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw incomplete(ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await failure(response, cancellationToken);
        }
    }

    /// <summary>Runs a find-or-create callback, again after a transient failure (the callback looks the SKU up first).</summary>
    public ValueTask<T> CreateIdempotentlyAsync<T>(Func<CancellationToken, ValueTask<T>> findOrCreate, CancellationToken cancellationToken) =>
        _create.ExecuteAsync(findOrCreate, cancellationToken);
}
