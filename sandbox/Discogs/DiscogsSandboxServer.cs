using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Marketplace.Sandbox.Discogs;

/// <summary>The Discogs sandbox in-process on 127.0.0.1 with a free port, for tests and benchmarks; each instance has its own state.</summary>
public sealed class DiscogsSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DiscogsSandboxServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Root URL, the stand-in for <c>https://api.discogs.com/</c>.</summary>
    public Uri BaseUrl { get; }

    public DiscogsSandboxState State => _app.Services.GetRequiredService<DiscogsSandboxState>();

    /// <summary>Starts the sandbox; <paramref name="configure"/> adjusts its options (rate limit, window).</summary>
    public static async Task<DiscogsSandboxServer> StartAsync(Action<DiscogsSandboxOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddDiscogsSandbox(builder.Configuration);
        var app = builder.Build();
        configure?.Invoke(app.Services.GetRequiredService<DiscogsSandboxOptions>());
        app.MapDiscogsSandbox();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DiscogsSandboxServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
