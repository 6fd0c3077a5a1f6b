using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Marketplace.Sandbox.Reverb;

namespace Marketplace.Sandbox.Ebay;

/// <summary>
/// The eBay and Reverb sandboxes in-process on 127.0.0.1 with a free port, for tests and benchmarks.
/// Each instance has its own state; latency and faults can be changed while it runs.
/// </summary>
public sealed class EbayReverbSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EbayReverbSandboxServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Root URL (for example <c>http://127.0.0.1:51234/</c>); both platforms answer on their documented paths under it.</summary>
    public Uri BaseUrl { get; }

    public EbaySandboxState Ebay => _app.Services.GetRequiredService<EbaySandboxState>();

    public Reverb.ReverbSandboxState Reverb => _app.Services.GetRequiredService<Reverb.ReverbSandboxState>();

    /// <summary>Starts both sandboxes. <paramref name="quiet"/> turns latency and faults off (fast tests).</summary>
    public static async Task<EbayReverbSandboxServer> StartAsync(bool quiet = true, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddEbaySandbox(builder.Configuration);
        builder.Services.AddReverbSandbox(builder.Configuration);
        var app = builder.Build();
        app.MapEbaySandbox();
        app.MapReverbSandbox();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new EbayReverbSandboxServer(app, new Uri(address.TrimEnd('/') + "/"));
        if (quiet)
        {
            server.Ebay.Options.Faults.Quiet();
            server.Reverb.Options.Faults.Quiet();
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
