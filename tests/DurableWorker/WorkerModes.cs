using Marketplace.Shared.Storage;
using Microsoft.Extensions.Hosting;

namespace Marketplace.DurableWorker;

/// <summary>
/// What a worker process runs, by the mode named on its command line: each mode registers its orchestrators,
/// activities and services on top of the standalone runtime (add a mode here to host other workflows).
/// </summary>
public static class WorkerModes
{
    /// <summary>The environment variable holding the storage connection string.</summary>
    public const string ConnectionVariable = "DURABLE_WORKER_CONNECTION";

    /// <summary>The fault-test workflows (<see cref="FaultWorkflows"/>).</summary>
    public const string Fault = "fault";

    /// <summary>The sync workflows against the sandboxes (<see cref="SyncWorkerSettings"/>).</summary>
    public const string Sync = "sync";

    public static IReadOnlyDictionary<string, Action<HostApplicationBuilder, StorageAccount>> All { get; } =
        new Dictionary<string, Action<HostApplicationBuilder, StorageAccount>>(StringComparer.Ordinal)
        {
            [Fault] = FaultWorkflows.Register,
            [Sync] = SyncWorkerSettings.Register,
        };
}
