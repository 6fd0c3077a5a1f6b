using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Marketplace.Sandbox.VintageAndRare;

/// <summary>The Vintage &amp; Rare site in-process on 127.0.0.1 with a free port, for tests and benchmarks (its own state per instance).</summary>
public sealed class VintageAndRareSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VintageAndRareSandboxServer(WebApplication app, Uri siteUrl)
    {
        _app = app;
        SiteUrl = siteUrl;
    }

    /// <summary>The site root (for example <c>http://127.0.0.1:51234/vintageandrare/</c>).</summary>
    public Uri SiteUrl { get; }

    public VintageAndRareSandboxState State => _app.Services.GetRequiredService<VintageAndRareSandboxState>();

    /// <summary>Starts the site; <paramref name="time"/> drives the pending-to-active review delay (system clock by default).</summary>
    public static async Task<VintageAndRareSandboxServer> StartAsync(TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddVintageAndRareSandbox(builder.Configuration);
        var app = builder.Build();
        app.MapVintageAndRareSandbox();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new VintageAndRareSandboxServer(app, new Uri(address.TrimEnd('/') + VintageAndRareSandboxOptions.Prefix + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
