using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage;

[Trait("Category", "Integration")]
public sealed class StorageClientRegistrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddStorageClients_RegistersOneOfEachClient_OnTheAccount_WithBase64QueueMessages()
    {
        using var services = new ServiceCollection().AddStorageClients(azurite.Account).AddStorageClients().BuildServiceProvider();
        var name = AzuriteFixture.UniqueName("reg");

        services.GetRequiredService<BlobServiceClient>().ShouldBeSameAs(services.GetRequiredService<BlobServiceClient>());
        services.GetServices<QueueServiceClient>().Count().ShouldBe(1);
        var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"n\":1}");

        // Base64 of the UTF-8 text on the wire: what the Functions queue trigger (and the old hand-written client) expects.
        var raw = (await azurite.Account.CreateQueueServiceClient().GetQueueClient(name).PeekMessageAsync()).Value;
        Encoding.UTF8.GetString(Convert.FromBase64String(raw.Body.ToString())).ShouldBe("{\"n\":1}");
        (await queue.ReceiveMessageAsync()).Value.Body.ToString().ShouldBe("{\"n\":1}");

        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(name);
        (await container.CreateIfNotExistsAsync()).ShouldNotBeNull();
        var table = services.GetRequiredService<TableServiceClient>().GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r"));
    }

    [Fact]
    public void AddStorageClients_WithAnIdentityBasedSetting_PointsEachClientAtItsServiceUri()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "shopdata",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();

        using var services = new ServiceCollection().AddStorageClients(StorageAccount.FromConfiguration(configuration)).BuildServiceProvider();

        services.GetRequiredService<BlobServiceClient>().Uri.ShouldBe(new Uri("https://shopdata.blob.core.windows.net/"));
        services.GetRequiredService<QueueServiceClient>().Uri.ShouldBe(new Uri("https://shopdata.queue.core.windows.net/"));
        services.GetRequiredService<TableServiceClient>().Uri.Host.ShouldBe("shopdata.table.core.windows.net");
        services.GetRequiredService<BlobServiceClient>().AccountName.ShouldBe("shopdata");
    }
}
