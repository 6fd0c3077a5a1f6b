using Marketplace.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Benchmarks.Host;

/// <summary>The functions app on Kestrel (loopback, free port), composed as Program does, with logging off so stdout stays JSON lines.</summary>
internal static class BenchmarkApp
{
    public const string AdminKey = "benchmark-admin-key-0123456789abcdef";

    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection> services)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        settings.TryAdd("Admin:Keys", AdminKey);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFunctionsApp();
        builder.Logging.ClearProviders();
        services(builder.Services);
        var app = builder.Build();
        app.MapFunctionsApp();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
