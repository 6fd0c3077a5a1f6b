using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Marketplace.Shared.Marketplaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace Marketplace.Shared.Reverb;

/// <summary>
/// Client for Reverb's REST API v3 (<c>Accept-Version: 3.0</c>, <c>application/hal+json</c>, bearer token). One Polly
/// pipeline built with the client: per-attempt timeout, retries with exponential backoff for 429 (Retry-After
/// honoured) and, for requests safe to repeat, 5xx and timeouts. Creates are never blindly retried: callers look
/// the SKU up instead (see <see cref="ReverbConnector"/>). 412 becomes <see cref="ReverbValidationException"/>.
/// Register one instance per shop (singleton).
/// </summary>
public sealed partial class ReverbClient
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    private const string MediaType = "application/hal+json";

    private readonly HttpClient _http;
    private readonly ReverbClientOptions _options;
    private readonly ILogger _logger;
    private readonly MarketplaceHttpPipeline _pipeline;
    private readonly TimeProvider _time;
    private ReverbThrottling _throttling = new(0, null, null);

    public ReverbClient(HttpClient httpClient, ReverbClientOptions options, TimeProvider? timeProvider = null, ILogger<ReverbClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _pipeline = new MarketplaceHttpPipeline(
            new MarketplaceRetryRules(options.MaxRetries, options.RetryBaseDelay, options.AttemptTimeout, ShouldRetry, r => r?.Headers.RetryAfter?.Delta, (status, attempt, delay) => LogRetry(_logger, status, attempt, delay)),
            timeProvider ?? TimeProvider.System);
    }

    /// <summary>The options this client was built with.</summary>
    public ReverbClientOptions Options => _options;

    /// <summary>
    /// The 429 answers this client has had (Reverb documents its limit only through 429 with Retry-After, no remaining-calls
    /// header, so throttling seen is the headroom signal there is).
    /// </summary>
    public ReverbThrottling Throttling => Volatile.Read(ref _throttling);

    /// <summary>
    /// Retries <paramref name="findOrCreate"/> after ambiguous or throttled failures (timeouts, transport, 5xx, 429),
    /// never after validation errors. The callback must look the SKU up before creating again.
    /// </summary>
    internal ValueTask<T> CreateIdempotentlyAsync<T>(Func<CancellationToken, ValueTask<T>> findOrCreate, CancellationToken cancellationToken) =>
        _pipeline.CreateIdempotentlyAsync(findOrCreate, cancellationToken);

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool retrySafe)
    {
        return outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => retrySafe,
            { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
            { Result: { } r } => retrySafe && (int)r.StatusCode >= 500,
            _ => false,
        };
    }

    internal Task<HttpResponseMessage> SendAsync(string operation, HttpMethod method, string pathAndQuery, JsonNode? body, bool retrySafe, CancellationToken cancellationToken) =>
        _pipeline.SendAsync(
            (Client: this, Method: method, Path: pathAndQuery, Body: body),
            static async (s, ct) =>
            {
                using var request = s.Client.CreateRequest(s.Method, s.Path, s.Body);
                var response = await s.Client._http.SendAsync(request, ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    s.Client.NoteThrottled(response.Headers.RetryAfter?.Delta);
                }

                return response;
            },
            retrySafe,
            ex => new ReverbException($"Reverb {operation} did not complete: {ex.Message} The call may or may not have been applied.", null, innerException: ex),
            (response, ct) => CreateExceptionAsync(response, operation, ct),
            cancellationToken);

    private void NoteThrottled(TimeSpan? retryAfter)
    {
        var at = _time.GetUtcNow();
        ReverbThrottling seen, next;
        do
        {
            seen = Volatile.Read(ref _throttling);
            next = new ReverbThrottling(seen.Count + 1, at, retryAfter);
        }
        while (Interlocked.CompareExchange(ref _throttling, next, seen) != seen);
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string pathAndQuery, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, new Uri(_options.ApiBaseUrl, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        request.Headers.TryAddWithoutValidation("Accept-Version", "3.0");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, MediaType);
        }

        return request;
    }

    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new ReverbException($"Reverb answered {(int)response.StatusCode} with an empty body where {typeof(T).Name} was expected.", response.StatusCode);
        }
    }

    private static async Task<MarketplaceException> CreateExceptionAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        string? message = null;
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        try
        {
            var root = JsonNode.Parse(body) as JsonObject;
            message = root?["message"]?.GetValue<string>();
            if (root?["errors"] is JsonObject errors)
            {
                foreach (var (field, value) in errors)
                {
                    fields[field] = value is JsonArray list ? list.Select(v => v?.ToString() ?? string.Empty).ToList() : [value?.ToString() ?? string.Empty];
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the raw body is kept on the exception.
        }

        var text = $"Reverb {operation} failed with HTTP {(int)response.StatusCode}: {message ?? "no message"}";
        if (response.StatusCode == HttpStatusCode.PreconditionFailed || fields.Count > 0)
        {
            var detail = string.Join("; ", fields.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}"));
            return new ReverbValidationException($"{text}. Fields: {(detail.Length > 0 ? detail : "(none named)")}.", fields, requestId, body);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new MarketplaceRateLimitException(MarketplacePlatform.Reverb, text + ".", response.Headers.RetryAfter?.Delta, response.StatusCode, requestId, body);
        }

        return new ReverbException(text + ".", response.StatusCode, requestId, body);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reverb call answered {Status}; retry {Attempt} in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, string status, int attempt, double delayMs);
}

/// <summary>429 answers seen by a <see cref="ReverbClient"/>: how many, the latest one's time and its Retry-After.</summary>
public sealed record ReverbThrottling(int Count, DateTimeOffset? LastAt, TimeSpan? LastRetryAfter);
