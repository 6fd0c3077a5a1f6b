using Marketplace.Sandbox.Reverb;

namespace Marketplace.Sandbox.Ebay;

/// <summary>
/// The eBay and Reverb sandboxes in-process on loopback; both platforms answer on their documented paths under
/// <see cref="LoopbackSandboxServer.BaseUrl"/>. Latency and faults can be changed while it runs.
/// </summary>
public sealed class EbayReverbSandboxServer : LoopbackSandboxServer
{
    private EbayReverbSandboxServer(WebApplication app, Uri baseUrl)
        : base(app, baseUrl)
    {
    }

    public EbaySandboxState Ebay => Services.GetRequiredService<EbaySandboxState>();

    public Reverb.ReverbSandboxState Reverb => Services.GetRequiredService<Reverb.ReverbSandboxState>();

    /// <summary>A further Reverb shop (a separate account with its own token; shop <c>b</c> by default).</summary>
    public Reverb.ReverbSandboxState ReverbShop(string name) => Services.GetRequiredService<Reverb.ReverbSandboxShops>()[name];

    /// <summary>Starts both sandboxes. <paramref name="quiet"/> turns latency and faults off (fast tests).</summary>
    public static async Task<EbayReverbSandboxServer> StartAsync(bool quiet = true, CancellationToken cancellationToken = default)
    {
        var (app, root) = await StartAppAsync((services, configuration) =>
        {
            services.AddEbaySandbox(configuration);
            services.AddReverbSandbox(configuration);
        }, app =>
        {
            app.MapEbaySandbox();
            app.MapReverbSandbox();
        }, cancellationToken);
        var server = new EbayReverbSandboxServer(app, root);
        if (quiet)
        {
            server.Ebay.Options.Faults.Quiet();
            server.Reverb.Options.Faults.Quiet();
        }

        return server;
    }
}
