using Azure.Storage.Queues;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Tables;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;
using Sdk = Azure.Data.Tables;

namespace Marketplace.Shared.Tests.Storage.Tables;

/// <summary>
/// Data written by the hand-written clients reads back through the Azure SDK unchanged, and the other way round
/// (entity property types, queue message text). Goes with the hand-written clients when they are deleted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LegacyDataCompatibilityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 34, 56, 789, TimeSpan.Zero);

    [Fact]
    public async Task EntitiesWrittenByTheOldClient_ReadBackThroughTheSdk_WithTheirTypes()
    {
        var legacy = await TableTestContext.NewTableAsync(azurite, "compat");
        await legacy.AddEntityAsync(new TableEntity("p", "r")
        {
            ["Data"] = "{\"sku\":\"A\"}", ["Quantity"] = 3, ["LedgerSequence"] = 5_000_000_000L, ["Pending"] = true,
            ["UpdatedAt"] = At, ["Price"] = 12.5, ["Source"] = null,
        });

        var entity = (await azurite.Account.CreateTableServiceClient().GetTableClient(legacy.Name).GetEntityAsync<Sdk.TableEntity>("p", "r")).Value;

        entity.GetString("Data").ShouldBe("{\"sku\":\"A\"}");
        entity["Quantity"].ShouldBeOfType<int>().ShouldBe(3);
        entity.GetInt64("LedgerSequence").ShouldBe(5_000_000_000L);
        entity.GetBoolean("Pending").ShouldBe(true);
        entity.GetDateTimeOffset("UpdatedAt").ShouldBe(At);
        entity.GetDouble("Price").ShouldBe(12.5);
        entity.GetString("Source").ShouldBeNull();
    }

    [Fact]
    public async Task EntitiesWrittenByTheSdk_ReadBackThroughTheOldClient_WithTheirTypes()
    {
        var legacy = await TableTestContext.NewTableAsync(azurite, "compat");
        await azurite.Account.CreateTableServiceClient().GetTableClient(legacy.Name).AddEntityAsync(new Sdk.TableEntity("p", "r")
        {
            ["Quantity"] = 3, ["LedgerSequence"] = 7L, ["UpdatedAt"] = At, ["Source"] = null,
        });

        var entity = await legacy.GetEntityAsync("p", "r");

        entity["Quantity"].ShouldBeOfType<int>().ShouldBe(3);
        entity["LedgerSequence"].ShouldBeOfType<long>().ShouldBe(7L);
        entity.GetDateTimeOffset("UpdatedAt").ShouldBe(At);
        entity.GetString("Source").ShouldBeNull();
    }

    [Fact]
    public async Task QueueMessages_CrossBetweenTheOldClientAndTheSdksBase64Client_Unchanged()
    {
        var name = AzuriteFixture.UniqueName("compat");
        var legacy = new Marketplace.Shared.Storage.Queues.QueueServiceClient(azurite.Account).GetQueueClient(name);
        await legacy.CreateIfNotExistsAsync();
        var sdk = azurite.Account.CreateQueueServiceClient(StorageAccount.CreateQueueClientOptions(QueueMessageEncoding.Base64)).GetQueueClient(name);

        await legacy.SendMessageAsync("{\"text\":\"ümlaut\"}");
        var received = (await sdk.ReceiveMessageAsync()).Value;
        received.Body.ToString().ShouldBe("{\"text\":\"ümlaut\"}");
        await sdk.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        await sdk.SendMessageAsync("{\"text\":\"back\"}");
        (await Queues.QueueTestHelpers.ReceiveEventuallyAsync(legacy)).MessageText.ShouldBe("{\"text\":\"back\"}");
    }
}
