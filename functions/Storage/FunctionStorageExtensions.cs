using Marketplace.Functions.Http;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Storage;

namespace Marketplace.Functions.Storage;

internal static class FunctionStorageExtensions
{
    /// <summary>
    /// The Azure SDK Blob, Queue and Table clients of the app's storage account (<c>AzureWebJobsStorage</c>, registered
    /// once by <see cref="StorageServiceCollectionExtensions.AddStorageClients(IServiceCollection, StorageAccount)"/>) and
    /// what is built on them.
    /// </summary>
    public static IServiceCollection AddFunctionStorage(this IServiceCollection services, StorageAccount account)
    {
        services.AddStorageClients(account);

        services.AddSingleton<IWebhookInbox, StorageWebhookInbox>();
        services.AddSingleton<Webhooks.WebhookRejections>();
        services.AddSingleton<ITriggerQueueProbe, TriggerQueueProbe>();
        return services;
    }
}
