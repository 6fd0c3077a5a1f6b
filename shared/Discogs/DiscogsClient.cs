using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Marketplace.Shared.Marketplaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace Marketplace.Shared.Discogs;

/// <summary>
/// Client for the Discogs API (database and marketplace): <c>Authorization: Discogs token=...</c>, the application's
/// User-Agent, snake_case JSON. Every call first waits its turn in the <see cref="DiscogsRatePacer"/> (the documented
/// moving-window limit, paced, not hit); one Polly pipeline retries 429 (Retry-After honoured) and, for requests safe
/// to repeat, 5xx and timeouts. Errors become <see cref="DiscogsException"/> with Discogs's <c>message</c>; 429 that
/// outlasts the retries becomes <see cref="MarketplaceRateLimitException"/>. Register one instance (singleton).
/// </summary>
public sealed partial class DiscogsClient
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>How Discogs's JSON is read and written (snake_case, numbers in strings accepted).</summary>
    public static JsonSerializerOptions JsonOptions => Json;

    private readonly HttpClient _http;
    private readonly DiscogsClientOptions _options;
    private readonly ILogger _logger;
    private readonly MarketplaceHttpPipeline _pipeline;
    private string? _username;

    public DiscogsClient(HttpClient httpClient, DiscogsClientOptions options, TimeProvider? timeProvider = null, ILogger<DiscogsClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var time = timeProvider ?? TimeProvider.System;
        Pacer = new DiscogsRatePacer(options.RateLimit, options.RateLimitWindow, options.RateLimitMargin, time);
        _pipeline = new MarketplaceHttpPipeline(
            new MarketplaceRetryRules(options.MaxRetries, options.RetryBaseDelay, options.AttemptTimeout, ShouldRetry, r => r?.Headers.RetryAfter?.Delta,
                (status, attempt, delay) => LogRetry(_logger, status, attempt, delay)),
            time);
        _username = string.IsNullOrWhiteSpace(options.Username) ? null : options.Username;
    }

    /// <summary>The options this client was built with.</summary>
    public DiscogsClientOptions Options => _options;

    /// <summary>The pacer every call goes through.</summary>
    public DiscogsRatePacer Pacer { get; }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool retrySafe) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => retrySafe,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        { Result: { } r } => retrySafe && (int)r.StatusCode >= 500,
        _ => false,
    };

    internal Task<HttpResponseMessage> SendAsync(string operation, HttpMethod method, string pathAndQuery, JsonNode? body, bool retrySafe, CancellationToken cancellationToken) =>
        _pipeline.SendAsync(
            (Client: this, Method: method, Path: pathAndQuery, Body: body),
            static async (s, ct) =>
            {
                var slot = await s.Client.Pacer.WaitTurnAsync(ct);
                HttpResponseMessage? response = null;
                try
                {
                    using var request = s.Client.CreateRequest(s.Method, s.Path, s.Body);
                    response = await s.Client._http.SendAsync(request, ct);
                    return response;
                }
                finally
                {
                    s.Client.Pacer.Complete(slot, response);
                }
            },
            retrySafe,
            ex => new DiscogsException($"Discogs {operation} did not complete: {ex.Message} The call may or may not have been applied.", null, innerException: ex),
            (response, ct) => CreateExceptionAsync(response, operation, ct),
            cancellationToken);

    internal async Task<T> GetAsync<T>(string operation, string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(operation, HttpMethod.Get, pathAndQuery, null, retrySafe: true, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new DiscogsException($"Discogs {operation} answered an empty body.", response.StatusCode);
    }

    /// <summary>The seller's username: configured, or read once from <c>/oauth/identity</c>.</summary>
    public async Task<string> GetUsernameAsync(CancellationToken cancellationToken = default) =>
        _username ??= (await GetAsync<DiscogsIdentity>("identity", "/oauth/identity", cancellationToken)).Username;

    private HttpRequestMessage CreateRequest(HttpMethod method, string pathAndQuery, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, new Uri(_options.ApiBaseUrl, pathAndQuery));
        request.Headers.TryAddWithoutValidation("Authorization", "Discogs token=" + _options.Token);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.Accept.ParseAdd("application/vnd.discogs.v2.discogs+json");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static async Task<MarketplaceException> CreateExceptionAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? message = null;
        try
        {
            message = (JsonNode.Parse(body) as JsonObject)?["message"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not Discogs's JSON (a proxy's page): the raw body stays on the exception.
        }

        var text = $"Discogs {operation} failed with HTTP {(int)response.StatusCode}: {message ?? "no message"}.";
        return response.StatusCode == HttpStatusCode.TooManyRequests
            ? new MarketplaceRateLimitException(MarketplacePlatform.Discogs, text, response.Headers.RetryAfter?.Delta, response.StatusCode, null, body)
            : new DiscogsException(text, response.StatusCode, body);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discogs call answered {Status}; retry {Attempt} in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, string status, int attempt, double delayMs);
}
