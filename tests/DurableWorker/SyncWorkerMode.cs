using System.Text.Json;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.DurableWorker;

/// <summary>
/// The <c>sync</c> mode: the sync workflows against the sandboxes (which run in the test process), the catalog table
/// and task hub named in <see cref="Variable"/>. The test process registers the same services for its client and
/// catalog reads without running a worker.
/// </summary>
public sealed record SyncWorkerSettings(SyncSandboxEndpoints Endpoints, string CatalogTable, string TaskHub, int ShopifyBulkThreshold)
{
    /// <summary>The environment variable that carries the settings as JSON.</summary>
    public const string Variable = "DURABLE_WORKER_SYNC";

    /// <summary>
    /// A short lease and visibility timeout, so that a killed worker's partitions and messages move on within seconds
    /// (10 s: activity messages are renewed every 5 s while they run, a shorter timeout lets a second worker run a
    /// live activity at the same time); two partitions, so that two workers share the orchestrations.
    /// </summary>
    public SyncEnvironmentOptions Environment(string? workerId) => new()
    {
        CatalogTable = CatalogTable,
        TaskHub = TaskHub,
        WorkerId = workerId,
        Sync = new SyncOptions
        {
            PlatformRetry = new RetryPolicy(10, TimeSpan.FromMilliseconds(100), 1.5, TimeSpan.FromSeconds(1)),
            StorageRetry = new RetryPolicy(5, TimeSpan.FromMilliseconds(100), 2, TimeSpan.FromSeconds(1)),
            ShopifyBulkThreshold = ShopifyBulkThreshold,
        },
        Connectors = new SyncConnectorSettings { Retries = 3, AttemptTimeout = TimeSpan.FromSeconds(5) },
        VisibilityTimeout = TimeSpan.FromSeconds(10),
        ConfigureHub = o =>
        {
            o.PartitionCount = 2;
            o.LeaseInterval = TimeSpan.FromSeconds(6);
        },
    };

    /// <summary>The test process's services: the same registrations (client, catalog, starters, connectors); its worker is not started.</summary>
    public ServiceProvider BuildServices(StorageAccount account) =>
        new ServiceCollection().AddSyncOnAzurite(account, Endpoints, Environment("test-client")).BuildServiceProvider();

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Registers the mode on the worker process (worker id from <c>Durable__WorkerId</c>).</summary>
    public static void Register(HostApplicationBuilder builder, StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var json = System.Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");
        var settings = JsonSerializer.Deserialize<SyncWorkerSettings>(json) ?? throw new InvalidOperationException($"{Variable} holds no settings.");
        builder.Services.AddSyncOnAzurite(account, settings.Endpoints, settings.Environment(builder.Configuration["Durable:WorkerId"]));
    }
}
