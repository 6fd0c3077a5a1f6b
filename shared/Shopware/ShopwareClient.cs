using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace Marketplace.Shared.Shopware;

/// <summary>
/// Client for the Shopware 6 Admin API (<c>/api</c>, <c>Accept: application/json</c>, bearer token from the OAuth
/// client-credentials grant of an integration). The token is cached and renewed before it expires; concurrent callers
/// share one renewal, and a 401 renews once and repeats the call. One Polly pipeline (see
/// <see cref="MarketplaceHttpPipeline"/>): per-attempt timeout, exponential backoff for 429 (Retry-After honoured), 5xx
/// and timeouts of calls safe to repeat; never for 400 validation errors (<see cref="ShopwareValidationException"/>).
/// Every write here carries its own ids, so repeating it is safe. Register one instance per shop (singleton).
/// </summary>
public sealed partial class ShopwareClient
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    private readonly HttpClient _http;
    private readonly ShopwareClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MarketplaceHttpPipeline _pipeline;
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private readonly ISecretStore? _secrets;
    private AccessToken? _token;

    /// <summary>A client for one shop; <paramref name="secrets"/> holds the app registration's integration keys, read when <see cref="ShopwareClientOptions.AppShopId"/> is set.</summary>
    public ShopwareClient(HttpClient httpClient, ShopwareClientOptions options, TimeProvider? timeProvider = null, ILogger<ShopwareClient>? logger = null,
        ISecretStore? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _ = options.BaseUrl ?? throw new ArgumentException("Shopware:BaseUrl is required.", nameof(options));
        _http = httpClient;
        _options = options;
        _secrets = secrets;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pipeline = new MarketplaceHttpPipeline(
            new MarketplaceRetryRules(options.MaxRetries, options.RetryBaseDelay, options.AttemptTimeout, ShouldRetry, r => r?.Headers.RetryAfter?.Delta,
                (status, attempt, delay) => LogRetry(_logger, status, attempt, delay)),
            _time);
    }

    /// <summary>The options this client was built with.</summary>
    public ShopwareClientOptions Options => _options;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool retrySafe) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => retrySafe,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        { Result: { } r } => retrySafe && (int)r.StatusCode >= 500,
        _ => false,
    };

    /// <summary>Sends an authorized Admin API call; a 401 renews the token once and repeats the call.</summary>
    internal Task<HttpResponseMessage> SendAsync(string operation, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? headers = null, bool retrySafe = true) =>
        _pipeline.SendAsync(
            (Client: this, Method: method, Path: path, Body: body?.ToJsonString(), Headers: headers),
            static async (s, ct) =>
            {
                var token = await s.Client.GetTokenAsync(null, ct);
                var response = await s.Client.SendOnceAsync(s.Method, s.Path, s.Body, s.Headers, token, ct);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    return response;
                }

                // Expired or revoked early: one renewal shared with every caller that saw the same token refused.
                response.Dispose();
                token = await s.Client.GetTokenAsync(token, ct);
                return await s.Client.SendOnceAsync(s.Method, s.Path, s.Body, s.Headers, token, ct);
            },
            retrySafe,
            ex => new ShopwareException($"Shopware {operation} did not complete: {ex.Message} The call may or may not have been applied.", null, innerException: ex),
            (response, ct) => CreateExceptionAsync(response, operation, ct),
            cancellationToken);

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, string? body, IReadOnlyDictionary<string, string>? headers, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_options.BaseUrl!, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new ShopwareException($"Shopware answered {(int)response.StatusCode} with an empty body where {typeof(T).Name} was expected.", response.StatusCode);
        }
    }

    internal static async Task<MarketplaceException> CreateExceptionAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        var errors = ParseErrors(body);
        var text = $"Shopware {operation} failed with HTTP {(int)response.StatusCode}: {(errors.Count == 0 ? "no errors[] in the answer" : string.Join("; ", errors))}.";
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new MarketplaceRateLimitException(MarketplacePlatform.Shopware, text, response.Headers.RetryAfter?.Delta, response.StatusCode, requestId, body),
            HttpStatusCode.BadRequest when errors.Count > 0 => new ShopwareValidationException(text, errors, requestId, body),
            _ => new ShopwareException(text, response.StatusCode, errors, requestId, body),
        };
    }

    private static List<ShopwareApiError> ParseErrors(string body)
    {
        var errors = new List<ShopwareApiError>();
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } root && root["errors"] is JsonArray list)
            {
                foreach (var e in list.OfType<JsonObject>())
                {
                    errors.Add(new ShopwareApiError(e["status"]?.ToString(), e["code"]?.ToString(), e["title"]?.ToString(), e["detail"]?.ToString(),
                        e["source"]?["pointer"]?.ToString()));
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the raw body is kept on the exception.
        }

        return errors;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopware call answered {Status}; retry {Attempt} in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, string status, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopware access token renewed; valid for {Seconds} s")]
    private static partial void LogTokenRenewed(ILogger logger, int seconds);
}
