using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Marketplace.Sandbox;

/// <summary>
/// A sandbox in-process on 127.0.0.1 with a free port, for tests and benchmarks; each instance has its own state.
/// Subclasses name their platform's state and start with <see cref="StartAppAsync"/>.
/// </summary>
public abstract class LoopbackSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    protected LoopbackSandboxServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Root URL (for example <c>http://127.0.0.1:51234/</c>), the stand-in for the platform's host.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The sandbox's services (its state and options).</summary>
    protected IServiceProvider Services => _app.Services;

    /// <summary>Builds the sandbox app with <paramref name="add"/> and <paramref name="map"/>, starts it on a free loopback port and returns it with its root URL.</summary>
    protected static async Task<(WebApplication App, Uri Root)> StartAppAsync(Action<IServiceCollection, IConfiguration> add, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        add(builder.Services, builder.Configuration);
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
