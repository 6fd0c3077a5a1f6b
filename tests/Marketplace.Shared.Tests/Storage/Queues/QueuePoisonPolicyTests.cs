using Marketplace.Shared.Storage.Queues;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Queues;

[Trait("Category", "Integration")]
public sealed class QueuePoisonPolicyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void DefaultMaxDequeueCount_IsFiveLikeTheFunctionsHost()
    {
        var queue = new QueueServiceClient(azurite.Account).GetQueueClient("orders");

        var policy = new QueuePoisonPolicy(queue);

        policy.MaxDequeueCount.ShouldBe(5);
        policy.PoisonQueue.Name.ShouldBe("orders-poison");
    }

    [Fact]
    public async Task FailingMessage_AfterMaxDequeues_MovesToPoisonQueueWithTextIntact()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite, "work");
        var policy = new QueuePoisonPolicy(queue, maxDequeueCount: 3);
        const string text = "{\"order\":42,\"note\":\"Grüße <&>\"}";
        await queue.SendMessageAsync(text);

        var attempts = new List<long>();
        var moved = false;
        while (!moved)
        {
            var message = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).ShouldHaveSingleItem();
            attempts.Add(message.DequeueCount);
            moved = await policy.MoveToPoisonIfExhaustedAsync(message);
            if (!moved)
            {
                // The handler failed: release the message at once, as the host does with a zero backoff.
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }
        }

        attempts.ShouldBe([1, 2, 3]);
        (await queue.GetPropertiesAsync()).ApproximateMessagesCount.ShouldBe(0);
        var poisoned = (await policy.PoisonQueue.ReceiveMessagesAsync(32)).ShouldHaveSingleItem();
        poisoned.MessageText.ShouldBe(text);
        poisoned.DequeueCount.ShouldBe(1);
    }

    [Fact]
    public async Task MoveToPoison_OfRawNonBase64Message_CopiesStoredTextUnchanged()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite, "raw");
        var policy = new QueuePoisonPolicy(queue, maxDequeueCount: 1);
        const string raw = "raw <text> & not base64";
        await QueueTestHelpers.PostRawAsync(azurite, queue, raw);

        var message = (await queue.ReceiveMessagesAsync()).ShouldHaveSingleItem();
        (await policy.MoveToPoisonIfExhaustedAsync(message)).ShouldBeTrue();

        (await QueueTestHelpers.PeekRawTextAsync(azurite, policy.PoisonQueue)).ShouldBe(raw);
        (await policy.PoisonQueue.PeekMessagesAsync()).ShouldHaveSingleItem().MessageText.ShouldBe(raw);
    }

    [Fact]
    public async Task MessageUnderLimit_IsLeftAlone()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite, "ok");
        var policy = new QueuePoisonPolicy(queue);
        await queue.SendMessageAsync("fine");
        var message = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).ShouldHaveSingleItem();

        (await policy.MoveToPoisonIfExhaustedAsync(message)).ShouldBeFalse();

        (await policy.PoisonQueue.ExistsAsync()).ShouldBeFalse();
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }

    [Fact]
    public async Task MoveToPoison_WhenDeleteFails_KeepsCopyInPoisonQueue()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite, "dup");
        var policy = new QueuePoisonPolicy(queue, maxDequeueCount: 1);
        await queue.SendMessageAsync("must not be lost");
        var stale = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).ShouldHaveSingleItem();
        await queue.UpdateMessageAsync(stale.MessageId, stale.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(1));

        var ex = await Should.ThrowAsync<Azure.RequestFailedException>(() => policy.MoveToPoisonAsync(stale));

        ex.IsStalePopReceipt().ShouldBeTrue();
        (await policy.PoisonQueue.PeekMessagesAsync()).ShouldHaveSingleItem().MessageText.ShouldBe("must not be lost");
        (await queue.GetPropertiesAsync()).ApproximateMessagesCount.ShouldBe(1);
    }
}
