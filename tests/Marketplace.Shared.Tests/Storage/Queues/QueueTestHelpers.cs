using System.Xml.Linq;
using Azure.Core;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Queues;
using Marketplace.TestSupport;

namespace Marketplace.Shared.Tests.Storage.Queues;

internal static class QueueTestHelpers
{
    public static async Task<QueueClient> CreateQueueAsync(AzuriteFixture azurite, string prefix = "q")
    {
        var queue = new QueueServiceClient(azurite.Account).GetQueueClient(AzuriteFixture.UniqueName(prefix));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    /// <summary>
    /// Polls until a message is received. The generous deadline only bounds a broken test; it asserts nothing about speed.
    /// </summary>
    public static async Task<QueueMessage> ReceiveEventuallyAsync(QueueClient queue, TimeSpan? visibilityTimeout = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var messages = await queue.ReceiveMessagesAsync(1, visibilityTimeout);
            if (messages.Count == 1)
            {
                return messages[0];
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No message became visible in queue '{queue.Name}' within 30 s.");
    }

    /// <summary>The stored text of the first visible message, read with a raw REST request.</summary>
    public static async Task<string> PeekRawTextAsync(AzuriteFixture azurite, QueueClient queue)
    {
        var pipeline = StoragePipeline.Create(azurite.Account, StorageService.Queue, new StorageClientOptions());
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri(queue.Uri + "/messages?peekonly=true"));
        await pipeline.SendAsync(message, default);
        if (message.Response.Status != 200)
        {
            throw new InvalidOperationException($"Raw peek answered {message.Response.Status}.");
        }

        return XDocument.Parse(message.Response.Content.ToString()).Descendants("MessageText").Single().Value;
    }

    /// <summary>Sends a message whose stored text is exactly <paramref name="messageText"/>, as another writer would.</summary>
    public static async Task PostRawAsync(AzuriteFixture azurite, QueueClient queue, string messageText)
    {
        var pipeline = StoragePipeline.Create(azurite.Account, StorageService.Queue, new StorageClientOptions());
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(queue.Uri + "/messages"));
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        var body = new XElement("QueueMessage", new XElement("MessageText", messageText)).ToString(SaveOptions.DisableFormatting);
        message.Request.Content = RequestContent.Create(BinaryData.FromString(body));
        await pipeline.SendAsync(message, default);
        if (message.Response.Status != 201)
        {
            throw new InvalidOperationException($"Raw send answered {message.Response.Status}.");
        }
    }
}
