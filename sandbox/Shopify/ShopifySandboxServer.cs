using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// Starts the sandbox in-process on <c>127.0.0.1:0</c> (tests, benchmarks). Extra endpoints (a webhook receiver,
/// an OAuth redirect target) can be mapped with the <c>mapExtra</c> callback of <see cref="StartAsync"/>.
/// </summary>
internal sealed class ShopifySandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ShopifySandboxServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ShopifySandbox Sandbox => _app.Services.GetRequiredService<ShopifySandbox>();

    public static async Task<ShopifySandboxServer> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplication>? mapExtra = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSandboxes(builder.Configuration);
        var app = builder.Build();
        app.MapSandboxes();
        mapExtra?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ShopifySandboxServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>The base address that names a shop in the path (for OAuth, where Shopify uses the host).</summary>
    public Uri ShopBaseAddress(string shop) => new(BaseAddress, $"shops/{shop}/");

    public async ValueTask DisposeAsync()
    {
        var staging = Sandbox.StagingDirectory;
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(staging, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing background job; the temp folder is cleaned by the OS.
        }
    }
}
