using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Marketplace.Sandbox.Shopware;

/// <summary>The Shopware sandbox in-process on 127.0.0.1 with a free port, for tests and benchmarks; own state per instance.</summary>
public sealed class ShopwareSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ShopwareSandboxServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The shop's root (for example <c>http://127.0.0.1:51234/</c>); the Admin API is under <c>/api</c>.</summary>
    public Uri BaseUrl { get; }

    public ShopwareSandboxState State => _app.Services.GetRequiredService<ShopwareSandboxState>();

    /// <summary>Starts the sandbox. <paramref name="quiet"/> turns latency and faults off (fast tests).</summary>
    public static async Task<ShopwareSandboxServer> StartAsync(bool quiet = true, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddShopwareSandbox(builder.Configuration);
        var app = builder.Build();
        app.MapShopwareSandbox();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new ShopwareSandboxServer(app, new Uri(address.TrimEnd('/') + "/"));
        if (quiet)
        {
            server.State.Options.Faults.Quiet();
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
