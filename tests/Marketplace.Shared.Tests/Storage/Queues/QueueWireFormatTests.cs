using System.Text;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Queues;

/// <summary>Checks the bytes on the wire with raw requests, as another writer (the Functions host) would see them.</summary>
[Trait("Category", "Integration")]
public sealed class QueueWireFormatTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SendMessage_StoresUtf8ThenBase64InMessageText()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        const string text = "{\"sku\":\"Ümlaut-1\",\"note\":\"a < b & c\"}";

        await queue.SendMessageAsync(text);

        var raw = await QueueTestHelpers.PeekRawTextAsync(azurite, queue);
        raw.ShouldBe(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public async Task ReceiveMessage_DecodesBase64WrittenByAnotherWriter()
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await QueueTestHelpers.PostRawAsync(azurite, queue, Convert.ToBase64String(Encoding.UTF8.GetBytes("from the host ✓")));

        var message = (await queue.ReceiveMessagesAsync()).ShouldHaveSingleItem();

        message.MessageText.ShouldBe("from the host ✓");
    }

    [Theory]
    [InlineData("plain text, not base64")]
    [InlineData("<order id=\"7\"/> & more")]
    [InlineData("test")]
    public async Task ReceiveMessage_OfRawNonBase64Text_ReturnsItUnchanged(string raw)
    {
        var queue = await QueueTestHelpers.CreateQueueAsync(azurite);
        await QueueTestHelpers.PostRawAsync(azurite, queue, raw);

        var message = (await queue.ReceiveMessagesAsync()).ShouldHaveSingleItem();
        var peeked = (await queue.PeekMessagesAsync()).Count;

        message.MessageText.ShouldBe(raw);
        peeked.ShouldBe(0);
    }
}
