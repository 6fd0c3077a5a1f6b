using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Shared.Marketplaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace Marketplace.Shared.Ebay;

/// <summary>
/// Client for the eBay Sell Inventory, Fulfillment and Notification REST APIs with one seller's user token.
/// Every call goes through one Polly pipeline built with the client: per-attempt timeout
/// (<see cref="EbayClientOptions.AttemptTimeout"/>), and retries with exponential backoff for 5xx and short-window
/// 429 answers (honouring Retry-After). Requests that could commit twice (creates) are retried only on 429; their
/// callers resolve a timeout by looking the SKU up. A 429 without Retry-After is eBay's daily call limit and becomes
/// <see cref="MarketplaceQuotaExceededException"/> at once. Error envelopes become <see cref="EbayException"/>.
/// Register one instance per seller (singleton): it owns the token cache and offer id cache, and uses one revision counter.
/// </summary>
public sealed partial class EbayClient
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly EbayClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MarketplaceHttpPipeline _pipeline;
    private readonly ConcurrentDictionary<string, string> _offerIds = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the client. <paramref name="httpClient"/> is used for API and token calls; its own timeout should be infinite or generous.
    /// <paramref name="revisionCounter"/> counts listing revisions per day (default: in this process only,
    /// <see cref="EbayRevisionCounter"/>; share <see cref="EbayTableRevisionCounter"/> between instances).
    /// </summary>
    public EbayClient(HttpClient httpClient, EbayClientOptions options, TimeProvider? timeProvider = null, ILogger<EbayClient>? logger = null, IEbayRevisionCounter? revisionCounter = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        UserTokens = new EbayTokenProvider(httpClient, options, EbayGrant.RefreshToken, _time, _logger);
        ApplicationTokens = new EbayTokenProvider(httpClient, options, EbayGrant.ClientCredentials, _time, _logger);
        Revisions = revisionCounter ?? new EbayRevisionCounter(_time, options.MaxRevisionsPerListingPerDay);
        _pipeline = new MarketplaceHttpPipeline(
            new MarketplaceRetryRules(options.MaxRetries, options.RetryBaseDelay, options.AttemptTimeout, ShouldRetry, RetryAfter, (status, attempt, delay) => LogRetry(_logger, status, attempt, delay)),
            _time);
    }

    /// <summary>The options this client was built with.</summary>
    public EbayClientOptions Options => _options;

    /// <summary>User tokens this client has minted so far (each refresh is one token endpoint call).</summary>
    public int UserTokenRefreshCount => UserTokens.RefreshCount;

    internal EbayTokenProvider UserTokens { get; }

    internal EbayTokenProvider ApplicationTokens { get; }

    internal IEbayRevisionCounter Revisions { get; }

    internal TimeProvider Time => _time;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool retrySafe)
    {
        if (outcome.Exception is HttpRequestException or TimeoutRejectedException)
        {
            return retrySafe;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        // A 429 without Retry-After is the daily call limit: retrying cannot succeed today.
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return response.Headers.RetryAfter is not null;
        }

        return retrySafe && (int)response.StatusCode >= 500;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var hint = response?.Headers.RetryAfter;
        if (hint?.Delta is { } delta)
        {
            return delta;
        }

        return hint?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    /// <summary>Sends through the pipeline and returns a successful response, or throws the mapped exception.</summary>
    internal Task<HttpResponseMessage> SendAsync(string operation, Func<HttpRequestMessage> createRequest, bool retrySafe, CancellationToken cancellationToken, EbayGrant grant = EbayGrant.RefreshToken) =>
        _pipeline.SendAsync(
            (Client: this, CreateRequest: createRequest, Grant: grant),
            static (s, ct) => s.Client.SendOnceAsync(s.CreateRequest, s.Grant, ct),
            retrySafe,
            ex => new MarketplaceException(MarketplacePlatform.Ebay, $"eBay {operation} did not complete: {ex.Message} The call may or may not have been applied.", innerException: ex),
            (response, ct) => CreateExceptionAsync(response, operation, ct),
            cancellationToken);

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> createRequest, EbayGrant grant, CancellationToken cancellationToken)
    {
        var tokens = grant == EbayGrant.RefreshToken ? UserTokens : ApplicationTokens;
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(cancellationToken);
            using var request = createRequest();
            // The Post-Order API (a "traditional" API) takes the same OAuth user token under the IAF scheme.
            var scheme = request.RequestUri?.AbsolutePath.StartsWith("/post-order/", StringComparison.Ordinal) == true ? "IAF" : "Bearer";
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("X-EBAY-C-MARKETPLACE-ID", _options.MarketplaceId);
            var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                // The token was revoked or expired early: mint a new one once.
                response.Dispose();
                tokens.Invalidate(token);
                continue;
            }

            return response;
        }
    }

    /// <summary>Counts one revision of <paramref name="sku"/>'s listing or throws <see cref="EbayRevisionLimitException"/>.</summary>
    internal async ValueTask ReserveRevisionAsync(string sku, CancellationToken cancellationToken)
    {
        if (!await Revisions.TryReserveAsync(sku, cancellationToken))
        {
            throw new EbayRevisionLimitException(sku, Revisions.Limit, EbayCalendar.NextReset(_time.GetUtcNow()));
        }
    }

    internal HttpRequestMessage Request(HttpMethod method, string pathAndQuery, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_options.ApiBaseUrl, pathAndQuery));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
            request.Content.Headers.ContentLanguage.Add(_options.ContentLanguage);
        }

        return request;
    }

    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new MarketplaceException(MarketplacePlatform.Ebay, $"eBay answered {(int)response.StatusCode} with an empty body where {typeof(T).Name} was expected.", response.StatusCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "eBay call answered {Status}; retry {Attempt} in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, string status, int attempt, double delayMs);
}
