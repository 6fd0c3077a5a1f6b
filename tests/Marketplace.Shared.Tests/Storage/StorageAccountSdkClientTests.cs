using Azure.Data.Tables;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage;

[Trait("Category", "Integration")]
public sealed class StorageAccountSdkClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SdkClients_FromAccount_ReachAzuriteWithTheAccountKey()
    {
        var account = azurite.Account;
        var name = AzuriteFixture.UniqueName("sdk");

        var container = account.CreateBlobServiceClient().GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("a.txt").UploadAsync(BinaryData.FromString("hello"));
        (await container.GetBlobClient("a.txt").DownloadContentAsync()).Value.Content.ToString().ShouldBe("hello");

        var queue = account.CreateQueueServiceClient().GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("plain text");
        (await queue.ReceiveMessageAsync()).Value.MessageText.ShouldBe("plain text");

        var table = account.CreateTableServiceClient().GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });
        (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Value").ShouldBe(42);
    }

    [Fact]
    public void ToConnectionString_CarriesEndpointsAndKey_AndParsesBackToTheSameAccount()
    {
        var account = StorageAccount.Parse("UseDevelopmentStorage=true");

        var parsed = StorageAccount.Parse(account.ToConnectionString()!);

        parsed.AccountName.ShouldBe(account.AccountName);
        parsed.BlobEndpoint.ShouldBe(account.BlobEndpoint);
        parsed.QueueEndpoint.ShouldBe(account.QueueEndpoint);
        parsed.TableEndpoint.ShouldBe(account.TableEndpoint);
        account.ToString()!.ShouldNotContain(StorageAccount.DevelopmentAccountKey);
    }
}
