using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Marketplace.Shared.Shopware;

public sealed partial class ShopwareClient
{
    /// <summary>
    /// The cached token unless it is about to expire or is <paramref name="rejected"/> (refused by a 401); otherwise
    /// one caller renews it (<c>POST /api/oauth/token</c>, grant <c>client_credentials</c>) while the others wait for it.
    /// </summary>
    private async ValueTask<string> GetTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(_token, rejected) is { } cached)
        {
            return cached;
        }

        await _tokenGate.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_token, rejected) is { } renewed)
            {
                return renewed;
            }

            var (clientId, clientSecret) = await CredentialsAsync(cancellationToken);
            var body = new JsonObject { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseUrl!, "/api/oauth/token"))
            {
                Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await CreateExceptionAsync(response, "token request", cancellationToken);
                }
            }

            var grant = await ReadAsync<TokenResponse>(response, cancellationToken);
            _token = new AccessToken(grant.AccessToken, _time.GetUtcNow().AddSeconds(grant.ExpiresIn));
            LogTokenRenewed(_logger, grant.ExpiresIn);
            return grant.AccessToken;
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    /// <summary>The configured integration, or the one the shop <see cref="ShopwareClientOptions.AppShopId"/> handed over at the app's registration.</summary>
    private async ValueTask<(string ClientId, string ClientSecret)> CredentialsAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.AppShopId))
        {
            return (_options.ClientId, _options.ClientSecret);
        }

        var shopId = _options.AppShopId;
        var secrets = _secrets ?? throw new InvalidOperationException("Shopware:AppShopId is set but no secret store was given to the client.");
        return await secrets.GetSecretAsync(App.ShopwareAppRegistration.Name(shopId, "api-key"), cancellationToken) is { } id
            && await secrets.GetSecretAsync(App.ShopwareAppRegistration.Name(shopId, "secret-key"), cancellationToken) is { } secret
            ? (id, secret)
            : throw new ShopwareException($"Shop {shopId} has not completed the app registration: no integration keys in the secret store.", HttpStatusCode.Unauthorized);
    }

    private string? Usable(AccessToken? token, string? rejected) =>
        token is not null && token.Value != rejected && token.ExpiresAt - _options.TokenRefreshSkew > _time.GetUtcNow() ? token.Value : null;

    private sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("token_type")] string? TokenType);
}
