using Marketplace.Shared.Storage.Queues;
using Marketplace.TestSupport;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Queues;

[Trait("Category", "Integration")]
public sealed class QueueLoggingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task MessageOperations_LogRequestsWithoutPopReceiptsOrKeys()
    {
        var logger = new ListLogger();
        var queue = new QueueServiceClient(azurite.Account, logger: logger).GetQueueClient(AzuriteFixture.UniqueName("log"));
        await queue.CreateIfNotExistsAsync();
        var sent = await queue.SendMessageAsync("secret-free");
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).ShouldHaveSingleItem();
        var updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(1));
        await queue.DeleteMessageAsync(received.MessageId, updated.PopReceipt);

        logger.Lines.Count.ShouldBeGreaterThanOrEqualTo(5);
        logger.Lines.ShouldContain(line => line.Contains(received.MessageId, StringComparison.Ordinal));
        foreach (var secret in new[] { sent.PopReceipt, received.PopReceipt, updated.PopReceipt, Marketplace.Shared.Storage.StorageAccount.DevelopmentAccountKey })
        {
            logger.Lines.ShouldNotContain(line => line.Contains(secret, StringComparison.Ordinal) || line.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal));
        }
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
