using DurableTask.AzureStorage;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Hosting;

/// <summary>Builds the DTFx Azure Storage backend for a storage account and the project's settings.</summary>
internal static class DurableOrchestrationServiceFactory
{
    /// <summary>DTFx settings from <paramref name="options"/> (the project's defaults, see <see cref="DurableTaskStandaloneOptions"/>).</summary>
    public static AzureStorageOrchestrationServiceSettings CreateSettings(StorageAccount account, DurableTaskStandaloneOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = CreateDefaultSettings(account, options.TaskHub, options.EffectiveWorkerId, loggerFactory);
        settings.PartitionCount = options.PartitionCount;
        settings.ExtendedSessionsEnabled = options.ExtendedSessionsEnabled;
        settings.ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout;
        settings.MaxQueuePollingInterval = options.MaxQueuePollingInterval;
        settings.ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout;
        settings.WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout;
        settings.LeaseInterval = options.LeaseInterval;
        // DTFx renews and acquires every 10 s by default; a shorter lease needs both well inside it.
        var third = options.LeaseInterval / 3;
        settings.LeaseRenewInterval = third < settings.LeaseRenewInterval ? third : settings.LeaseRenewInterval;
        settings.LeaseAcquireInterval = third < settings.LeaseAcquireInterval ? third : settings.LeaseAcquireInterval;
        settings.MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities ?? 10 * Environment.ProcessorCount;
        settings.MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations ?? settings.MaxConcurrentTaskOrchestrationWorkItems;
        return settings;
    }

    /// <summary>DTFx's own defaults, only pointed at the account and task hub (the benchmarks' baseline).</summary>
    public static AzureStorageOrchestrationServiceSettings CreateDefaultSettings(StorageAccount account, string taskHub, string workerId, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            WorkerId = workerId,
            StorageAccountClientProvider = CreateClientProvider(account),
            LoggerFactory = loggerFactory,
            // Starting an instance id whose status is in the caller's dedupe list fails instead of being ignored.
            ThrowExceptionOnInvalidDedupeStatus = true,
        };
    }

    /// <summary>
    /// Storage clients for DTFx with the Blob/Queue service version Azurite accepts: the account key through a
    /// connection string, or the token credential with the three service endpoints.
    /// </summary>
    public static StorageAccountClientProvider CreateClientProvider(StorageAccount account)
    {
        var blobOptions = StorageAccount.CreateBlobClientOptions();
        var queueOptions = StorageAccount.CreateQueueClientOptions();
        var connectionString = account.ToConnectionString();
        if (connectionString is not null)
        {
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, blobOptions),
                StorageServiceClientProvider.ForQueue(connectionString, queueOptions),
                StorageServiceClientProvider.ForTable(connectionString, options: null));
        }

        var credential = account.TokenCredential ?? throw new InvalidOperationException("The storage account has neither a shared key nor a token credential.");
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(account.BlobEndpoint, credential, blobOptions),
            StorageServiceClientProvider.ForQueue(account.QueueEndpoint, credential, queueOptions),
            StorageServiceClientProvider.ForTable(account.TableEndpoint, credential, options: null));
    }
}
