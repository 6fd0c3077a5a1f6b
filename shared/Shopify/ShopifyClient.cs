using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// GraphQL Admin API client for one shop. Every request is paced by the shop's <see cref="ShopifyCostPacer"/> and
/// runs through one Polly pipeline (built once per client) that retries <c>THROTTLED</c>, 429, 5xx and timeouts with
/// exponential backoff or the server's Retry-After. A request body is built once, so a retried mutation carries the
/// same idempotency key / identifier. <c>userErrors</c> surface as <see cref="ShopifyUserErrorException"/>.
/// Thread-safe. The access token is sent only in <c>X-Shopify-Access-Token</c> and never logged.
/// </summary>
public sealed partial class ShopifyClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;

    /// <summary>Creates the client. Without <paramref name="pacer"/> the process-wide pacer of the shop is used.</summary>
    public ShopifyClient(ShopifyClientOptions options, HttpClient? httpClient = null, ShopifyCostPacer? pacer = null, ILogger<ShopifyClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ShopDomain);
        if (string.IsNullOrWhiteSpace(options.AccessToken) && options.AccessTokenProvider is null)
        {
            throw new ArgumentException("Either an access token or an access token provider is required.", nameof(options));
        }

        Options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Pacer = pacer ?? ShopifyCostPacer.ForShop(options.ShopDomain, options.TimeProvider);
        _pipeline = ShopifyResilience.CreatePipeline(options, _logger);
    }

    /// <summary>The options this client was created with.</summary>
    public ShopifyClientOptions Options { get; }

    /// <summary>The shop's cost pacer (throttle statistics for monitoring).</summary>
    public ShopifyCostPacer Pacer { get; }

    /// <summary>Runs one GraphQL operation and returns its <c>data</c> (a detached clone).</summary>
    /// <param name="operation">The root field (cost learning and error messages), e.g. <c>productSet</c>.</param>
    /// <param name="query">The GraphQL document.</param>
    /// <param name="writeVariables">Writes the properties of the <c>variables</c> object, or null.</param>
    /// <param name="cancellationToken">Cancels waiting, sending and retrying.</param>
    /// <exception cref="ShopifyThrottledException">Still throttled after every retry.</exception>
    /// <exception cref="ShopifyException">HTTP error or top-level GraphQL errors.</exception>
    public async Task<JsonElement> ExecuteAsync(string operation, string query, Action<Utf8JsonWriter>? writeVariables, CancellationToken cancellationToken = default)
    {
        var body = BuildBody(query, writeVariables);
        return await _pipeline.ExecuteAsync(
            async (state, token) => await SendOnceAsync(state.operation, state.body, token),
            (operation, body),
            cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static byte[] BuildBody(string query, Action<Utf8JsonWriter>? writeVariables)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", query);
            writer.WriteStartObject("variables");
            writeVariables?.Invoke(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task<JsonElement> SendOnceAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var lease = await Pacer.AcquireAsync(operation, cancellationToken);
        ShopifyQueryCost? cost = null;
        var throttled = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Options.GraphQlEndpoint);
            request.Headers.Add("X-Shopify-Access-Token", Options.AccessToken is { Length: > 0 } token ? token : await Options.AccessTokenProvider!(cancellationToken));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled = true;
                var retryAfter = RetryAfter(response);
                throw new ShopifyThrottledException($"Shopify answered 429 to {operation}.", retryAfter, response.StatusCode, requestId, Encoding.UTF8.GetString(bytes));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ShopifyException(
                    $"Shopify answered {(int)response.StatusCode} {response.ReasonPhrase} to {operation} on {Options.ShopDomain}.",
                    response.StatusCode,
                    requestId,
                    Encoding.UTF8.GetString(bytes),
                    transient: (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout);
            }

            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            cost = ShopifyResponses.ReadCost(root);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                throttled = ShopifyResponses.IsThrottled(errors);
                throw ShopifyResponses.ErrorsException(operation, errors, cost, throttled, requestId, Encoding.UTF8.GetString(bytes));
            }

            return root.TryGetProperty("data", out var data) ? data.Clone() : default;
        }
        finally
        {
            if (throttled)
            {
                LogThrottled(_logger, Options.ShopDomain, operation, cost?.ThrottleStatus.CurrentlyAvailable);
            }

            lease.Complete(cost, throttled);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify {Shop} throttled {Operation} (currently available {Available} points)")]
    private static partial void LogThrottled(ILogger logger, string shop, string operation, double? available);
}
