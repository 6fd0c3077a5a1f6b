using System.Globalization;
using System.Xml.Linq;
using Azure.Core;

namespace Marketplace.Shared.Storage.Queues;

/// <summary>The Queue REST API's XML bodies: <c>&lt;QueueMessage&gt;</c> requests and <c>&lt;QueueMessagesList&gt;</c> responses.</summary>
internal static class QueueXml
{
    public static RequestContent MessageBody(string wireText) =>
        RequestContent.Create(BinaryData.FromString(
            new XElement("QueueMessage", new XElement("MessageText", wireText)).ToString(SaveOptions.DisableFormatting)));

    public static SendReceipt ParseSendReceipt(BinaryData body)
    {
        var message = Messages(body).FirstOrDefault()
            ?? throw new InvalidOperationException("The Queue service answered a send without a <QueueMessage> element.");
        return new SendReceipt(
            Required(message, "MessageId"),
            Required(message, "PopReceipt"),
            Date(message, "InsertionTime"),
            Date(message, "ExpirationTime"),
            Date(message, "TimeNextVisible"));
    }

    public static List<QueueMessage> ParseReceived(BinaryData body) =>
        Messages(body).Select(m => new QueueMessage(
            Required(m, "MessageId"),
            Required(m, "PopReceipt"),
            m.Element("MessageText")?.Value ?? string.Empty,
            long.Parse(Required(m, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(m, "InsertionTime"),
            Date(m, "ExpirationTime"),
            Date(m, "TimeNextVisible"))).ToList();

    public static List<PeekedMessage> ParsePeeked(BinaryData body) =>
        Messages(body).Select(m => new PeekedMessage(
            Required(m, "MessageId"),
            m.Element("MessageText")?.Value ?? string.Empty,
            long.Parse(Required(m, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(m, "InsertionTime"),
            Date(m, "ExpirationTime"))).ToList();

    public static DateTimeOffset ParseDate(string value, string name) =>
        DateTimeOffset.TryParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new InvalidOperationException($"The Queue service returned {name} '{value}', which is not an RFC 1123 date.");

    private static IEnumerable<XElement> Messages(BinaryData body)
    {
        var text = body.ToString();
        return string.IsNullOrWhiteSpace(text)
            ? []
            : XDocument.Parse(text).Root?.Elements("QueueMessage") ?? [];
    }

    private static string Required(XElement message, string name) =>
        message.Element(name)?.Value
        ?? throw new InvalidOperationException($"The Queue service returned a <QueueMessage> without <{name}>.");

    private static DateTimeOffset Date(XElement message, string name) => ParseDate(Required(message, name), name);
}
