namespace Marketplace.Sandbox.Shopware;

/// <summary>The Shopware sandbox in-process on loopback (<see cref="LoopbackSandboxServer.BaseUrl"/>: the shop's root; the Admin API is under <c>/api</c>).</summary>
public sealed class ShopwareSandboxServer : LoopbackSandboxServer
{
    private ShopwareSandboxServer(WebApplication app, Uri baseUrl)
        : base(app, baseUrl)
    {
    }

    public ShopwareSandboxState State => Services.GetRequiredService<ShopwareSandboxState>();

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
