using Marketplace.Functions.Catalog;
using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Storage.Queues;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Standalone;

[Trait("Category", "Integration")]
public sealed class GracefulShutdownTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Shutdown_WithAHandlerStillRunning_MakesItsMessageVisibleAgain_Intact()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queueName = AzuriteFixture.UniqueName("slow");
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Reconciliation:Schedule"] = "0 0 0 1 1 *";
        settings["Photos:Container"] = AzuriteFixture.UniqueName("photos");
        settings["Standalone:DrainTimeout"] = "00:00:01";
        settings["Standalone:Queues:VisibilityTimeout"] = "00:05:00";
        var queue = new QueueServiceClient(azurite.Account).GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("long work item");

        var app = new FunctionsAppFactory(settings, s =>
        {
            s.AddSingleton(started);
            s.AddQueueFunction<NeverFinishingHandler>(queueName);
        });
        app.CreateClient().Dispose();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        (await queue.PeekMessagesAsync(1)).ShouldBeEmpty(); // invisible while its handler runs

        await app.DisposeAsync();

        // Without the abandon it would stay invisible for the five-minute visibility timeout.
        var visible = await queue.PeekMessagesAsync(1);
        visible.Count.ShouldBe(1);
        visible[0].MessageText.ShouldBe("long work item");
    }

    private sealed class NeverFinishingHandler(TaskCompletionSource started) : IQueueMessageHandler
    {
        public async Task HandleAsync(QueueTriggerMessage message, CancellationToken cancellationToken)
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
