using Marketplace.Sandbox.Discogs;
using Marketplace.Shared.Discogs;
using Xunit;

namespace Marketplace.Sandbox.Tests.Discogs;

/// <summary>Starts a Discogs sandbox per test class and builds clients against it.</summary>
public abstract class DiscogsSandboxTestBase : IAsyncLifetime
{
    protected DiscogsSandboxServer Server { get; private set; } = null!;

    protected DiscogsSandboxState Sandbox => Server.State;

    /// <summary>Sandbox options for this class (rate limit, window).</summary>
    protected virtual void ConfigureSandbox(DiscogsSandboxOptions options)
    {
    }

    public async Task InitializeAsync() => Server = await DiscogsSandboxServer.StartAsync(ConfigureSandbox);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected DiscogsClient CreateClient(Action<DiscogsClientOptions>? configure = null)
    {
        var options = new DiscogsClientOptions
        {
            Token = Sandbox.Options.Token,
            UserAgent = "MarketplaceTests/1.0 +https://example.test",
            ApiBaseUrl = Server.BaseUrl,
            RateLimit = Sandbox.Options.RateLimit,
            RateLimitWindow = Sandbox.Options.RateLimitWindow,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            AttemptTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return new DiscogsClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options);
    }
}
