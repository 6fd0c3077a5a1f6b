namespace Marketplace.Sandbox.Discogs;

/// <summary>The Discogs sandbox in-process on loopback (<see cref="LoopbackSandboxServer.BaseUrl"/>: the stand-in for <c>https://api.discogs.com/</c>).</summary>
public sealed class DiscogsSandboxServer : LoopbackSandboxServer
{
    private DiscogsSandboxServer(WebApplication app, Uri baseUrl)
        : base(app, baseUrl)
    {
    }

    public DiscogsSandboxState State => Services.GetRequiredService<DiscogsSandboxState>();

    /// <summary>Starts the sandbox; <paramref name="configure"/> adjusts its options (rate limit, window).</summary>
    public static async Task<DiscogsSandboxServer> StartAsync(Action<DiscogsSandboxOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var (app, root) = await StartAppAsync((services, configuration) => services.AddDiscogsSandbox(configuration), app =>
        {
            configure?.Invoke(app.Services.GetRequiredService<DiscogsSandboxOptions>());
            app.MapDiscogsSandbox();
        }, cancellationToken);
        return new DiscogsSandboxServer(app, root);
    }
}
