namespace Marketplace.Sandbox.VintageAndRare;

/// <summary>The Vintage &amp; Rare site in-process on loopback (its own state per instance).</summary>
public sealed class VintageAndRareSandboxServer : LoopbackSandboxServer
{
    private VintageAndRareSandboxServer(WebApplication app, Uri root)
        : base(app, root)
    {
        SiteUrl = new Uri(root, VintageAndRareSandboxOptions.Prefix.TrimStart('/') + "/");
    }

    /// <summary>The site root (for example <c>http://127.0.0.1:51234/vintageandrare/</c>).</summary>
    public Uri SiteUrl { get; }

    public VintageAndRareSandboxState State => Services.GetRequiredService<VintageAndRareSandboxState>();

    /// <summary>Starts the site; <paramref name="time"/> drives the pending-to-active review delay (system clock by default).</summary>
    public static async Task<VintageAndRareSandboxServer> StartAsync(TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var (app, root) = await StartAppAsync((services, configuration) =>
        {
            services.AddSingleton(time ?? TimeProvider.System);
            services.AddVintageAndRareSandbox(configuration);
        }, app => app.MapVintageAndRareSandbox(), cancellationToken);
        return new VintageAndRareSandboxServer(app, root);
    }
}
