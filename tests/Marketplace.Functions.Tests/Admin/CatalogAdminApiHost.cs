using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Marketplace.Functions.Admin;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Functions.Tests.Admin;

/// <summary>A minimal app serving only the catalog admin API on a free loopback port, over a fresh table in Azurite.</summary>
internal sealed class CatalogAdminApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CatalogAdminApiHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<CatalogAdminApiHost> StartAsync(AzuriteFixture azurite)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(azurite.Account);
        builder.Services.AddSingleton<IOrchestrationStarter, RecordingStarter>();
        builder.Services.AddCatalog(options => options.TableName = AzuriteFixture.UniqueName("adminapi"));
        var app = builder.Build();
        app.MapCatalogAdminApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + CatalogAdminEndpoints.Prefix + "/") };
        client.DefaultRequestHeaders.Add(CatalogAdminHttp.ActorHeader, "api-test");
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new CatalogAdminApiHost(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class RecordingStarter : IOrchestrationStarter
    {
        private readonly ConcurrentDictionary<string, string> _instances = new();

        public Task<string> ScheduleAsync(string orchestratorName, string instanceId, string inputJson, CancellationToken cancellationToken = default)
        {
            _instances.TryAdd(instanceId, orchestratorName);
            return Task.FromResult(instanceId);
        }
    }
}
