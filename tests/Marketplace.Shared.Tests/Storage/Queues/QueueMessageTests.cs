using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Queues;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Queues;

[Trait("Category", "Integration")]
public sealed class QueueMessageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SendMessage_ReturnsReceiptThatReceiveMatches()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);

        var receipt = await queue.SendMessageAsync("Grüße ✓ <order id=\"1\"/>", timeToLive: TimeSpan.FromHours(1));
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).ShouldHaveSingleItem();

        receipt.MessageId.ShouldNotBeNullOrEmpty();
        receipt.PopReceipt.ShouldNotBeNullOrEmpty();
        receipt.ExpiresOn.ShouldBe(receipt.InsertedOn.AddHours(1), TimeSpan.FromSeconds(1));
        receipt.NextVisibleOn.ShouldBe(receipt.InsertedOn, TimeSpan.FromSeconds(1));
        received.MessageId.ShouldBe(receipt.MessageId);
        received.MessageText.ShouldBe("Grüße ✓ <order id=\"1\"/>");
        received.Body.ToString().ShouldBe(received.MessageText);
        received.DequeueCount.ShouldBe(1);
        received.InsertedOn.ShouldBe(receipt.InsertedOn);
        received.ExpiresOn.ShouldBe(receipt.ExpiresOn);
        received.NextVisibleOn.ShouldBeGreaterThanOrEqualTo(received.InsertedOn.AddSeconds(29));
        received.PopReceipt.ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("control \u0001\u0002 chars and emoji 🎸")]
    [InlineData("  leading and trailing spaces  ")]
    public async Task SendMessage_OfTextXmlCannotCarryRaw_RoundTripsExactly(string text)
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);

        await queue.SendMessageAsync(text);

        (await queue.ReceiveMessagesAsync()).ShouldHaveSingleItem().MessageText.ShouldBe(text);
    }

    [Fact]
    public async Task SendMessage_WithNeverExpires_HasFarFutureExpiry()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);

        var receipt = await queue.SendMessageAsync("forever", timeToLive: QueueClient.NeverExpires);

        receipt.ExpiresOn.Year.ShouldBe(9999);
        (await queue.PeekMessagesAsync()).ShouldHaveSingleItem().ExpiresOn.Year.ShouldBe(9999);
    }

    [Fact]
    public async Task ReceiveMessages_ReturnsUpToMaxAndHidesThem()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        var first = await queue.ReceiveMessagesAsync(3, TimeSpan.FromMinutes(1));
        var second = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));
        var third = await queue.ReceiveMessagesAsync(32);

        first.Count.ShouldBe(3);
        second.Count.ShouldBe(2);
        third.ShouldBeEmpty();
        first.Concat(second).Select(m => m.MessageText).Order().ShouldBe(["m0", "m1", "m2", "m3", "m4"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task ReceiveAndPeek_WithMaxOutsideOneTo32_Throw(int maxMessages)
    {
        var queue = new QueueServiceClient(azurite.Account).GetQueueClient("unused");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(maxMessages));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => queue.PeekMessagesAsync(maxMessages));
    }

    [Fact]
    public async Task PeekMessages_LeavesMessagesVisibleAndUndequeued()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        var sent = await queue.SendMessageAsync("peek me");

        var peeked = (await queue.PeekMessagesAsync(32)).ShouldHaveSingleItem();
        var received = (await queue.ReceiveMessagesAsync()).ShouldHaveSingleItem();

        peeked.MessageId.ShouldBe(sent.MessageId);
        peeked.MessageText.ShouldBe("peek me");
        peeked.DequeueCount.ShouldBe(0);
        peeked.InsertedOn.ShouldBe(sent.InsertedOn);
        received.DequeueCount.ShouldBe(1);
    }

    [Fact]
    public async Task DeleteMessage_WithCurrentPopReceipt_RemovesIt()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await queue.SendMessageAsync("bye");
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).ShouldHaveSingleItem();

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        (await queue.GetPropertiesAsync()).ApproximateMessagesCount.ShouldBe(0);
    }

    [Fact]
    public async Task DeleteMessage_UsingSendReceipt_RemovesItBeforeAnyReceive()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        var receipt = await queue.SendMessageAsync("undo");

        await queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt);

        (await queue.PeekMessagesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateMessage_ChangesTextAndVisibilityAndPopReceipt()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await queue.SendMessageAsync("v1");
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).ShouldHaveSingleItem();

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "v2 ✓", TimeSpan.Zero);
        var again = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).ShouldHaveSingleItem();

        update.PopReceipt.ShouldNotBe(received.PopReceipt);
        update.NextVisibleOn.ShouldBeLessThan(received.NextVisibleOn);
        again.MessageId.ShouldBe(received.MessageId);
        again.MessageText.ShouldBe("v2 ✓");
        again.DequeueCount.ShouldBe(2);
    }

    [Fact]
    public async Task UpdateMessage_WithoutText_KeepsTextAndHidesMessage()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await queue.SendMessageAsync("keep");
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).ShouldHaveSingleItem();

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(5));

        (await queue.ReceiveMessagesAsync()).ShouldBeEmpty();
        update.NextVisibleOn.ShouldBeGreaterThan(received.NextVisibleOn);
        await queue.UpdateMessageAsync(received.MessageId, update.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        (await queue.ReceiveMessagesAsync()).ShouldHaveSingleItem().MessageText.ShouldBe("keep");
    }

    [Fact]
    public async Task SendMessage_OfExactly64KiBEncoded_IsAcceptedAndRoundTrips()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        var text = new string('x', 49152);

        await queue.SendMessageAsync(text);

        (await queue.ReceiveMessagesAsync()).ShouldHaveSingleItem().MessageText.ShouldBe(text);
    }

    [Fact]
    public async Task SendMessage_OverLimit_ThrowsArgumentExceptionNamingSize()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);

        var ex = await Should.ThrowAsync<ArgumentException>(() => queue.SendMessageAsync(new string('é', 40000)));

        ex.Message.ShouldContain("106668 bytes once base64-encoded");
        (await queue.PeekMessagesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SendMessage_WithSubSecondTimeToLive_ThrowsBeforeSending()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", timeToLive: TimeSpan.FromMilliseconds(10)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", visibilityTimeout: TimeSpan.FromDays(8)));
    }
}
