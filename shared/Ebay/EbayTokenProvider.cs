using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Ebay;

/// <summary>Which OAuth grant a <see cref="EbayTokenProvider"/> mints tokens with.</summary>
internal enum EbayGrant
{
    /// <summary>User token from the seller's refresh token (Sell APIs).</summary>
    RefreshToken,

    /// <summary>Application token from client credentials (Notification API public keys).</summary>
    ClientCredentials,
}

/// <summary>
/// Mints and caches eBay OAuth access tokens (<c>POST /identity/v1/oauth2/token</c>, Basic client credentials).
/// A cached token is reused until <see cref="EbayClientOptions.TokenRefreshMargin"/> before it expires; concurrent
/// callers that find it stale wait for one refresh (single flight) instead of each minting their own.
/// Failures become <see cref="EbayAuthException"/> naming the OAuth error. Tokens and secrets are never logged.
/// </summary>
internal sealed partial class EbayTokenProvider(HttpClient http, EbayClientOptions options, EbayGrant grant, TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _cached;

    /// <summary>How many tokens this provider has minted (observability and tests).</summary>
    public int RefreshCount => _refreshCount;

    private int _refreshCount;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var cached = _cached;
        if (cached is not null && IsFresh(cached))
        {
            return cached.AccessToken;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            cached = _cached;
            if (cached is not null && IsFresh(cached))
            {
                return cached.AccessToken;
            }

            cached = await RequestTokenAsync(cancellationToken);
            _cached = cached;
            Interlocked.Increment(ref _refreshCount);
            return cached.AccessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Drops <paramref name="accessToken"/> if it is still the cached one (eBay answered 401 for it).</summary>
    public void Invalidate(string accessToken)
    {
        var cached = _cached;
        if (cached is not null && cached.AccessToken == accessToken)
        {
            _cached = null;
        }
    }

    private bool IsFresh(CachedToken token) => time.GetUtcNow() < token.ExpiresAt - options.TokenRefreshMargin;

    private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var form = grant == EbayGrant.RefreshToken
            ? new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = options.RefreshToken,
                ["scope"] = string.Join(' ', options.Scopes),
            }
            : new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = options.ApplicationScope,
            };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.IdentityBaseUrl, "/identity/v1/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);

        HttpResponseMessage response;
        var started = time.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AttemptTimeout);
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new EbayAuthException($"eBay token endpoint {request.RequestUri!.GetLeftPart(UriPartial.Path)} could not be reached: {ex.Message}", null, innerException: ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = TryParse<TokenError>(body);
                var what = grant == EbayGrant.RefreshToken ? "user token from the refresh token" : "application token";
                throw new EbayAuthException(
                    $"eBay refused to mint a {what}: HTTP {(int)response.StatusCode} {error?.Error ?? "(no OAuth error code)"}: {error?.ErrorDescription ?? "no description"}. Check Ebay:ClientId, Ebay:ClientSecret{(grant == EbayGrant.RefreshToken ? ", Ebay:RefreshToken and Ebay:Scopes" : string.Empty)}.",
                    error?.Error,
                    response.StatusCode,
                    body);
            }

            var token = TryParse<TokenResponse>(body);
            if (token?.AccessToken is not { Length: > 0 } || token.ExpiresIn <= 0)
            {
                throw new EbayAuthException("eBay token endpoint answered without access_token/expires_in.", null, response.StatusCode, body);
            }

            LogTokenMinted(logger, grant, token.ExpiresIn);
            return new CachedToken(token.AccessToken, started.AddSeconds(token.ExpiresIn));
        }
    }

    private static T? TryParse<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "eBay {Grant} access token minted, valid for {ExpiresIn} s")]
    private static partial void LogTokenMinted(ILogger logger, EbayGrant grant, int expiresIn);

    private sealed record CachedToken(string AccessToken, DateTimeOffset ExpiresAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("token_type")] string? TokenType);

    private sealed record TokenError(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
