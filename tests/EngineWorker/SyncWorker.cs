using System.Text.Json;
using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.EngineWorker;

/// <summary>What a sync worker process runs against: the sandboxes (in the test process), its catalog table and task hub.</summary>
public sealed record SyncWorkerSettings(SyncSandboxEndpoints Endpoints, string CatalogTable, string TaskHub, int ShopifyBulkThreshold)
{
    /// <summary>The environment variable that carries the settings as JSON.</summary>
    public const string Variable = "ENGINE_WORKER_SYNC";

    /// <summary>
    /// The sync services as the worker process registers them; the test process registers the same (same table, task
    /// hub and options) for its client and catalog reads, without starting a worker.
    /// </summary>
    public ServiceProvider BuildServices(StorageAccount account, string workerId)
    {
        var services = new ServiceCollection();
        services.AddSyncOnAzurite(account, Endpoints, new SyncEnvironmentOptions
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
            ConfigureHub = o =>
            {
                o.LeaseDuration = TimeSpan.FromSeconds(15);
                o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(4);
                o.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(6);
                o.MaxPollingDelay = TimeSpan.FromMilliseconds(100);
            },
        });
        return services.BuildServiceProvider();
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static SyncWorkerSettings FromJson(string json) =>
        JsonSerializer.Deserialize<SyncWorkerSettings>(json) ?? throw new InvalidOperationException($"{Variable} holds no settings.");

    /// <summary>Runs the sync worker until standard input closes (or the process is killed).</summary>
    internal static async Task<int> RunAsync(StorageAccount account, string workerId)
    {
        var settings = FromJson(Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set."));
        await using var provider = settings.BuildServices(account, workerId);
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);
        Console.WriteLine("READY");
        await Console.In.ReadToEndAsync();
        await worker.StopAsync(CancellationToken.None);
        return 0;
    }
}
