using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Queues;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Queues;

[Trait("Category", "Integration")]
public sealed class QueueLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private QueueClient NewQueue() => new QueueServiceClient(azurite.Account).GetQueueClient(AzuriteFixture.UniqueName("life"));

    [Fact]
    public async Task CreateIfNotExists_CreatesOnceThenReportsExisting()
    {
        var queue = NewQueue();

        (await queue.ExistsAsync()).ShouldBeFalse();
        (await queue.CreateIfNotExistsAsync()).ShouldBeTrue();
        (await queue.CreateIfNotExistsAsync()).ShouldBeFalse();
        (await queue.ExistsAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteIfExists_DeletesOnceThenReportsMissing()
    {
        var queue = NewQueue();
        await queue.CreateIfNotExistsAsync();

        (await queue.DeleteIfExistsAsync()).ShouldBeTrue();
        (await queue.DeleteIfExistsAsync()).ShouldBeFalse();
        (await queue.ExistsAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task GetProperties_CountsMessagesVisibleOrNot()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await queue.SendMessageAsync("one");
        await queue.SendMessageAsync("two");
        await queue.SendMessageAsync("hidden", visibilityTimeout: TimeSpan.FromMinutes(5));

        var properties = await queue.GetPropertiesAsync();

        properties.ApproximateMessagesCount.ShouldBe(3);
        properties.Metadata.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetProperties_OfMissingQueue_Throws404QueueNotFound()
    {
        var ex = await Should.ThrowAsync<RequestFailedException>(() => NewQueue().GetPropertiesAsync());

        ex.Status.ShouldBe(404);
        ex.IsNotFound().ShouldBeTrue();
        ex.ErrorCode.ShouldBe("QueueNotFound");
    }

    [Fact]
    public async Task SendMessage_ToMissingQueue_Throws404QueueNotFound()
    {
        var queue = NewQueue();

        var ex = await Should.ThrowAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));

        ex.ErrorCode.ShouldBe("QueueNotFound");
        ex.Message.ShouldContain(queue.Name);
    }

    [Fact]
    public async Task ClearMessages_RemovesVisibleAndInvisibleMessages()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b", visibilityTimeout: TimeSpan.FromMinutes(5));
        await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5));

        await queue.ClearMessagesAsync();

        (await queue.GetPropertiesAsync()).ApproximateMessagesCount.ShouldBe(0);
        (await queue.PeekMessagesAsync(32)).ShouldBeEmpty();
    }
}
