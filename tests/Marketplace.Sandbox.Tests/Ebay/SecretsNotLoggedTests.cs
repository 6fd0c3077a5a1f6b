using Marketplace.Sandbox.Ebay;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Reverb;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

[Trait("Category", "Integration")]
public sealed class SecretsNotLoggedTests : EbaySandboxTestBase
{
    [Fact]
    public async Task EbayClient_LogsTokenMintsAndRetries_WithoutSecretsOrTokens()
    {
        Sandbox.Options.ThrottleRetryAfter = TimeSpan.Zero;
        Sandbox.Options.Faults.FaultRate = 1;
        Sandbox.Options.Faults.Faults = SandboxFaultKinds.RateLimit;
        var logger = new RecordingLogger<EbayClient>();
        var options = new EbayClientOptions
        {
            ClientId = Sandbox.Options.ClientId,
            ClientSecret = Sandbox.Options.ClientSecret,
            RefreshToken = Sandbox.Options.RefreshToken,
            ApiBaseUrl = Server.BaseUrl,
            IdentityBaseUrl = Server.BaseUrl,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        };
        var client = new EbayClient(new HttpClient(), options, logger: logger);

        await client.FindOfferAsync("LOG-1");

        logger.Lines.ShouldContain(l => l.Contains("access token minted", StringComparison.Ordinal));
        logger.Lines.ShouldContain(l => l.Contains("retry", StringComparison.Ordinal));
        logger.Lines.ShouldAllBe(l => !l.Contains(options.ClientSecret) && !l.Contains(options.RefreshToken) && !l.Contains("v^1.1#"));
    }

    [Fact]
    public async Task ReverbClient_LogsRetries_WithoutTheAccessToken()
    {
        var reverb = Server.Reverb;
        reverb.Options.RateLimitRetryAfter = TimeSpan.Zero;
        reverb.Options.Faults.FaultRate = 1;
        reverb.Options.Faults.Faults = SandboxFaultKinds.RateLimit;
        var logger = new RecordingLogger<ReverbClient>();
        var client = new ReverbClient(new HttpClient(), new ReverbClientOptions { AccessToken = reverb.Options.AccessToken, ApiBaseUrl = Server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(5) }, logger: logger);

        await client.FindListingBySkuAsync("LOG-2");

        logger.Lines.ShouldNotBeEmpty();
        logger.Lines.ShouldAllBe(l => !l.Contains(reverb.Options.AccessToken));
    }
}
