using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Benchmarks.Catalog;

/// <summary>The catalog services over a fresh table (deleted on dispose) in the benchmark's Azurite.</summary>
internal sealed class CatalogBench : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public CatalogBench(StorageAccount account)
    {
        var services = new ServiceCollection();
        services.AddSingleton(account);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IOrchestrationStarter, NoStarter>();
        services.AddCatalog(options => options.TableName = "bench" + Guid.NewGuid().ToString("N")[..12]);
        _services = services.BuildServiceProvider();
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<CatalogTable>().Client.DeleteAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }

    private sealed class NoStarter : IOrchestrationStarter
    {
        public Task<string> ScheduleAsync(string orchestratorName, string instanceId, string inputJson, CancellationToken cancellationToken = default) =>
            Task.FromResult(instanceId);
    }
}
