using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Marketplace.Shared.Ocr;

/// <summary>
/// Client for Azure AI Document Intelligence's documented REST contract (the SDK packages are not served here):
/// <c>POST {endpoint}/documentintelligence/documentModels/{model}:analyze?api-version=...</c> answers 202 with an
/// <c>Operation-Location</c>, which is polled (honouring <c>Retry-After</c>) until <c>succeeded</c> or <c>failed</c>.
/// Throttled (429) and failed (5xx, transport) calls are retried by one Polly pipeline, after the server's
/// <c>Retry-After</c> when it sends one. Register one instance (singleton).
/// </summary>
public sealed partial class DocumentIntelligenceClient
{
    private const string Scope = "https://cognitiveservices.azure.com/.default";
    private readonly HttpClient _http;
    private readonly DocumentIntelligenceClientOptions _options;
    private readonly TokenCredential? _credential;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private AccessToken _token;

    public DocumentIntelligenceClient(HttpClient httpClient, DocumentIntelligenceClientOptions options, TokenCredential? credential = null,
        TimeProvider? timeProvider = null, ILogger<DocumentIntelligenceClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoint is null)
        {
            throw new ArgumentException("Ocr:DocumentIntelligence:Endpoint is required.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.ApiKey) && credential is null)
        {
            throw new ArgumentException("Give Ocr:DocumentIntelligence:ApiKey or an Entra ID credential.", nameof(credential));
        }

        _http = httpClient;
        _options = options;
        _credential = credential;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result: { } r } => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    LogRetry(_logger, args.Outcome.Result is { } r ? (int)r.StatusCode : 0, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>
    /// Analyzes <paramref name="document"/> with the configured model and waits for the result.
    /// </summary>
    /// <exception cref="OcrFailedException">The analysis failed or the service rejected the request (4xx).</exception>
    /// <exception cref="OcrUnavailableException">The service could not be reached, kept failing, or did not finish within <see cref="DocumentIntelligenceClientOptions.MaxWait"/>.</exception>
    public async Task<DocumentAnalyzeResult> AnalyzeAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken = default)
    {
        var analyze = new Uri(_options.Endpoint!, $"documentintelligence/documentModels/{Uri.EscapeDataString(_options.ModelId)}:analyze?api-version={Uri.EscapeDataString(_options.ApiVersion)}");
        var body = JsonSerializer.SerializeToUtf8Bytes(new { base64Source = Convert.ToBase64String(document.Span) });
        Uri operation;
        TimeSpan? wait;
        using (var accepted = await SendAsync(HttpMethod.Post, analyze, body, cancellationToken))
        {
            if (accepted.StatusCode != HttpStatusCode.Accepted || accepted.Headers.TryGetValues("Operation-Location", out var locations) is false)
            {
                throw new OcrFailedException($"Document Intelligence answered {(int)accepted.StatusCode} without an Operation-Location.");
            }

            operation = new Uri(locations.First());
            wait = RetryAfter(accepted);
        }

        var deadline = _time.GetUtcNow() + _options.MaxWait;
        while (true)
        {
            await Task.Delay(wait ?? _options.PollInterval, _time, cancellationToken);
            using var poll = await SendAsync(HttpMethod.Get, operation, null, cancellationToken);
            var state = await poll.Content.ReadFromJsonAsync<DocumentAnalyzeOperation>(cancellationToken)
                ?? throw new OcrFailedException("Document Intelligence answered an empty operation.");
            switch (state.Status)
            {
                case "succeeded":
                    return state.AnalyzeResult ?? throw new OcrFailedException("Document Intelligence succeeded without an analyzeResult.");
                case "failed" or "canceled":
                    throw new OcrFailedException($"Document Intelligence analysis {state.Status}: {state.Error?.Message ?? "no message"}", state.Error?.Code);
            }

            if (_time.GetUtcNow() > deadline)
            {
                throw new OcrUnavailableException($"Document Intelligence did not finish within {_options.MaxWait.TotalSeconds:F0} s (status {state.Status}).");
            }

            wait = RetryAfter(poll);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async ct =>
            {
                using var request = new HttpRequestMessage(method, uri);
                await AuthorizeAsync(request, ct);
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new("application/json");
                }

                return await _http.SendAsync(request, ct);
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new OcrUnavailableException($"Document Intelligence could not be reached: {ex.Message}", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            var text = $"Document Intelligence answered {(int)response.StatusCode}: {error?.Message ?? "no message"}";
            throw (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                ? new OcrUnavailableException(text)
                : new OcrFailedException(text, error?.Code);
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Key", _options.ApiKey);
            return;
        }

        if (_token.ExpiresOn < _time.GetUtcNow().AddMinutes(5))
        {
            _token = await _credential!.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        }

        request.Headers.Authorization = new("Bearer", _token.Token);
    }

    private static async Task<DocumentIntelligenceError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return json.RootElement.TryGetProperty("error", out var error) ? error.Deserialize<DocumentIntelligenceError>() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response) =>
        response?.Headers.RetryAfter?.Delta
        ?? (response?.Headers.TryGetValues("retry-after-ms", out var ms) == true && double.TryParse(ms.First(), System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? TimeSpan.FromMilliseconds(value) : null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document Intelligence call answered {Status}; retry {Attempt} in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, int status, int attempt, double delayMs);
}
