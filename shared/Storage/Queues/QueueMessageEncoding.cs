using System.Globalization;
using System.Text;

namespace Marketplace.Shared.Storage.Queues;

/// <summary>
/// The message encoding of Azure Functions queue triggers and bindings (the host's default): UTF-8, then base64,
/// in <c>&lt;MessageText&gt;</c>. Decoding tolerates text written raw by other producers.
/// </summary>
internal static class QueueMessageEncoding
{
    /// <summary>The service's limit on the encoded message text: 64 KiB.</summary>
    public const int MaxEncodedBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Base64 of the UTF-8 bytes of <paramref name="messageText"/>, checked against the 64 KiB limit.</summary>
    /// <exception cref="ArgumentException">The encoded text exceeds 64 KiB; the message names both sizes.</exception>
    public static string Encode(string messageText, string parameterName)
    {
        var utf8Length = Encoding.UTF8.GetByteCount(messageText);
        var encodedLength = ((long)utf8Length + 2) / 3 * 4;
        if (encodedLength > MaxEncodedBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The queue message is {encodedLength} bytes once base64-encoded ({utf8Length} bytes of UTF-8 text); the Queue service accepts at most {MaxEncodedBytes} bytes (64 KiB) encoded, about 48 KiB of text. Store large payloads in a blob and send a reference."),
                parameterName);
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes(messageText));
    }

    /// <summary>
    /// Body: the decoded bytes when <paramref name="wireText"/> is base64, else its UTF-8 bytes.
    /// Text: the decoded bytes as UTF-8 when they are valid UTF-8, else <paramref name="wireText"/> unchanged.
    /// </summary>
    public static (BinaryData Body, string Text) Decode(string wireText)
    {
        if (wireText.Length % 4 == 0 && TryFromBase64(wireText, out var bytes))
        {
            try
            {
                return (BinaryData.FromBytes(bytes), StrictUtf8.GetString(bytes));
            }
            catch (DecoderFallbackException)
            {
                return (BinaryData.FromBytes(bytes), wireText);
            }
        }

        return (BinaryData.FromString(wireText), wireText);
    }

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length / 4 * 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = written == buffer.Length ? buffer : buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
