using Marketplace.Shared.Ebay;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

[Trait("Category", "Integration")]
public sealed class EbayTokenTests : EbaySandboxTestBase
{
    [Fact]
    public async Task TwentyConcurrentCalls_WithNoToken_MintOneToken()
    {
        // Token endpoint latency makes the 20 calls overlap while the first refresh is in flight.
        Sandbox.Options.Faults.MinLatency = Sandbox.Options.Faults.MaxLatency = TimeSpan.FromMilliseconds(150);
        var client = CreateClient();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.FindOfferAsync($"C-{i}")));

        results.ShouldAllBe(r => r == null);
        Sandbox.TokensMinted.ShouldBe(1);
        client.UserTokenRefreshCount.ShouldBe(1);
    }

    [Fact]
    public async Task TokenRevokedEarly_IsMintedAgainOnce_AndTheCallSucceeds()
    {
        var client = CreateClient();
        await client.FindOfferAsync("R-1");
        Sandbox.RevokeTokens();

        await client.FindOfferAsync("R-1");

        Sandbox.TokensMinted.ShouldBe(2);
    }

    [Fact]
    public async Task TokenNearExpiry_IsRefreshedBeforeUse()
    {
        Sandbox.Options.TokenLifetime = TimeSpan.FromMinutes(4);
        var client = CreateClient(o => o.TokenRefreshMargin = TimeSpan.FromMinutes(5));

        await client.FindOfferAsync("E-1");
        await client.FindOfferAsync("E-2");

        Sandbox.TokensMinted.ShouldBe(2);
    }

    [Fact]
    public async Task WrongClientSecret_ThrowsEbayAuthException_NamingInvalidClient()
    {
        var client = CreateClient(o => o.ClientSecret = "wrong-secret-value");

        var ex = await Should.ThrowAsync<EbayAuthException>(() => client.FindOfferAsync("A-1"));

        ex.OAuthError.ShouldBe("invalid_client");
        ex.Status.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        ex.Message.ShouldContain("Ebay:ClientSecret");
        ex.Message.ShouldNotContain("wrong-secret-value");
    }

    [Fact]
    public async Task RevokedRefreshToken_ThrowsEbayAuthException_NamingInvalidGrant()
    {
        var client = CreateClient(o => o.RefreshToken = "v^1.1#revoked-refresh-token");

        var ex = await Should.ThrowAsync<EbayAuthException>(() => client.FindOfferAsync("A-2"));

        ex.OAuthError.ShouldBe("invalid_grant");
        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldNotContain("revoked-refresh-token");
    }
}
