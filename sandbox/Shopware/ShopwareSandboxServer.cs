namespace Marketplace.Sandbox.Shopware;

/// <summary>The Shopware sandbox in-process on loopback (<see cref="LoopbackSandboxServer.BaseUrl"/>: the shop's root; the Admin API is under <c>/api</c>).</summary>
public sealed class ShopwareSandboxServer : LoopbackSandboxServer
{
    private ShopwareSandboxServer(WebApplication app, Uri baseUrl)
        : base(app, baseUrl)
    {
    }

    public ShopwareSandboxState State => Services.GetRequiredService<ShopwareSandboxState>();

    /// <summary>The shop installs the app of <paramref name="manifest"/> whose host is <paramref name="appClient"/>'s base address (its manifest URLs rebased there).</summary>
    public Task<ShopwareSandboxApp> InstallAppAsync(HttpClient appClient, string manifest, CancellationToken cancellationToken = default) =>
        State.InstallAppAsync(appClient, manifest, BaseUrl, cancellationToken: cancellationToken);

    /// <summary>Starts the sandbox. <paramref name="quiet"/> turns latency and faults off (fast tests).</summary>
    public static async Task<ShopwareSandboxServer> StartAsync(bool quiet = true, CancellationToken cancellationToken = default)
    {
        var (app, root) = await StartAppAsync((services, configuration) => services.AddShopwareSandbox(configuration), app => app.MapShopwareSandbox(), cancellationToken);
        var server = new ShopwareSandboxServer(app, root);
        if (quiet)
        {
            server.State.Options.Faults.Quiet();
        }

        return server;
    }
}
