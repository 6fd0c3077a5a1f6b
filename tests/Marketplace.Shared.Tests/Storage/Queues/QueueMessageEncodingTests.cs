using System.Text;
using Marketplace.Shared.Storage.Queues;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Queues;

public sealed class QueueMessageEncodingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("{\"sku\":\"A-1\",\"qty\":2}")]
    [InlineData("Grüße, 東京 ✓ <&>")]
    public void Encode_ThenDecode_RoundTripsText(string text)
    {
        var wire = QueueMessageEncoding.Encode(text, "messageText");

        wire.ShouldBe(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
        var (body, decoded) = QueueMessageEncoding.Decode(wire);
        decoded.ShouldBe(text);
        body.ToArray().ShouldBe(Encoding.UTF8.GetBytes(text));
    }

    [Theory]
    [InlineData("hello, world")]
    [InlineData("test")]
    [InlineData("{\"raw\":true}")]
    public void Decode_OfTextThatIsNotBase64OfUtf8_ReturnsItRaw(string raw)
    {
        var (body, text) = QueueMessageEncoding.Decode(raw);

        text.ShouldBe(raw);
        if (raw.Length % 4 != 0)
        {
            body.ToString().ShouldBe(raw);
        }
    }

    [Fact]
    public void Decode_OfBase64OfBinary_KeepsBytesInBody()
    {
        byte[] bytes = [0xff, 0x00, 0xfe, 0x10];

        var (body, _) = QueueMessageEncoding.Decode(Convert.ToBase64String(bytes));

        body.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public void Encode_AtExactly64KiBEncoded_IsAccepted()
    {
        var wire = QueueMessageEncoding.Encode(new string('x', 49152), "messageText");

        wire.Length.ShouldBe(65536);
    }

    [Fact]
    public void Encode_OverLimit_ThrowsNamingTheSize()
    {
        var ex = Should.Throw<ArgumentException>(() => QueueMessageEncoding.Encode(new string('x', 49153), "messageText"));

        ex.Message.ShouldContain("65540 bytes once base64-encoded");
        ex.Message.ShouldContain("65536");
        ex.ParamName.ShouldBe("messageText");
    }
}
