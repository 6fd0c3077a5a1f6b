using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Queues;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Queues;

[Trait("Category", "Integration")]
public sealed class QueueVisibilityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SendMessage_WithVisibilityDelay_IsNotReceivedOrPeekedBeforeItIsVisible()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);

        var receipt = await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromMinutes(10));

        receipt.NextVisibleOn.ShouldBe(receipt.InsertedOn.AddMinutes(10), TimeSpan.FromSeconds(1));
        (await queue.ReceiveMessagesAsync(32)).ShouldBeEmpty();
        (await queue.PeekMessagesAsync(32)).ShouldBeEmpty();
        (await queue.GetPropertiesAsync()).ApproximateMessagesCount.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_WithShortVisibilityDelay_BecomesReceivableAfterIt()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);

        var receipt = await queue.SendMessageAsync("soon", visibilityTimeout: TimeSpan.FromSeconds(1));
        var received = await QueueTestHelpers.ReceiveEventuallyAsync(queue);

        received.MessageId.ShouldBe(receipt.MessageId);
        received.MessageText.ShouldBe("soon");
        received.DequeueCount.ShouldBe(1);
    }

    [Fact]
    public async Task ReceivedMessage_NotDeleted_ComesBackAfterVisibilityTimeoutWithHigherDequeueCount()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await queue.SendMessageAsync("retry me");

        var first = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).ShouldHaveSingleItem();
        var second = await QueueTestHelpers.ReceiveEventuallyAsync(queue, TimeSpan.FromMinutes(1));

        second.MessageId.ShouldBe(first.MessageId);
        first.DequeueCount.ShouldBe(1);
        second.DequeueCount.ShouldBe(2);
        second.PopReceipt.ShouldNotBe(first.PopReceipt);
        second.MessageText.ShouldBe("retry me");
    }

    [Fact]
    public async Task UpdateMessage_WithStalePopReceipt_FailsWithPopReceiptMismatch()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await queue.SendMessageAsync("contended");
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).ShouldHaveSingleItem();
        await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(1));

        var ex = await Should.ThrowAsync<RequestFailedException>(
            () => queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "lost update", TimeSpan.Zero));

        ex.Status.ShouldBe(400);
        ex.ErrorCode.ShouldBe("PopReceiptMismatch");
        ex.IsStalePopReceipt().ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteMessage_AfterAnotherReceiverGotIt_FailsWithPopReceiptMismatchAndKeepsMessage()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await queue.SendMessageAsync("contended");
        var first = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).ShouldHaveSingleItem();
        var second = await QueueTestHelpers.ReceiveEventuallyAsync(queue, TimeSpan.FromMinutes(1));

        var ex = await Should.ThrowAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));

        ex.Status.ShouldBe(400);
        ex.ErrorCode.ShouldBe("PopReceiptMismatch");
        await queue.DeleteMessageAsync(second.MessageId, second.PopReceipt);
    }

    [Fact]
    public async Task DeleteAndUpdate_OfMissingMessage_Fail404MessageNotFound()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        var receipt = await queue.SendMessageAsync("gone");
        await queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt);

        var delete = await Should.ThrowAsync<RequestFailedException>(() => queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt));
        var update = await Should.ThrowAsync<RequestFailedException>(
            () => queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: TimeSpan.Zero));

        delete.Status.ShouldBe(404);
        delete.IsNotFound().ShouldBeTrue();
        delete.ErrorCode.ShouldBe("MessageNotFound");
        update.ErrorCode.ShouldBe("MessageNotFound");
        delete.IsStalePopReceipt().ShouldBeTrue();
    }

    [Fact]
    public async Task Message_WithShortTimeToLive_ExpiresAndIsNeverReceived()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        var receipt = await queue.SendMessageAsync("ephemeral", timeToLive: TimeSpan.FromSeconds(1));
        await queue.SendMessageAsync("durable");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (await queue.PeekMessagesAsync(32)).Count > 1)
        {
            await Task.Delay(200);
        }

        receipt.ExpiresOn.ShouldBe(receipt.InsertedOn.AddSeconds(1), TimeSpan.FromSeconds(1));
        var left = await queue.ReceiveMessagesAsync(32);
        left.ShouldHaveSingleItem().MessageText.ShouldBe("durable");
    }
}
