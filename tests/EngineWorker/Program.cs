using Marketplace.EngineWorker;
using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Tables;

// A worker process for crash tests: dotnet Marketplace.EngineWorker.dll TASKHUB WORKER_ID SIDE_EFFECTS_TABLE
// with the storage connection string in ENGINE_WORKER_CONNECTION. Prints READY once it polls; runs until killed
// (or until standard input closes). Crash points come from MARKETPLACE_ENGINE_CRASH_POINTS (see CrashPoints).
// dotnet Marketplace.EngineWorker.dll sync WORKER_ID runs the sync workflows instead, with the sandboxes, catalog
// table and task hub given as JSON in ENGINE_WORKER_SYNC (see SyncWorkerSettings).
var account = StorageAccount.Parse(Environment.GetEnvironmentVariable("ENGINE_WORKER_CONNECTION")
    ?? throw new InvalidOperationException("ENGINE_WORKER_CONNECTION is not set."));
if (args is ["sync", var syncWorkerId])
{
    return await SyncWorkerSettings.RunAsync(account, syncWorkerId);
}

if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: Marketplace.EngineWorker TASKHUB WORKER_ID SIDE_EFFECTS_TABLE | sync WORKER_ID");
    return 2;
}

var sideEffects = new TableServiceClient(account).GetTableClient(args[2]);
await sideEffects.CreateIfNotExistsAsync();
var service = new AzureStorageOrchestrationService(account, new AzureStorageOrchestrationServiceOptions
{
    TaskHubName = args[0],
    WorkerId = args[1],
    MaxPartitions = 2,
    LeaseDuration = TimeSpan.FromSeconds(15),
    ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(4),
    WorkItemVisibilityTimeout = TimeSpan.FromSeconds(6),
    MaxPollingDelay = TimeSpan.FromMilliseconds(200),
});
var registry = new DurableTaskRegistry();
new FaultWorkflows(sideEffects).Register(registry);
var worker = new DurableTaskWorker(service, registry);
await worker.StartAsync(CancellationToken.None);
Console.WriteLine("READY");
await Console.In.ReadToEndAsync();
await worker.StopAsync(CancellationToken.None);
return 0;
