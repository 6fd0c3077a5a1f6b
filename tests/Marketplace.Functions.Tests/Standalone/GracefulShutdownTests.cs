using Marketplace.Functions.Photos;
using Marketplace.Functions.Tests.Support;
using Azure.Storage.Queues;
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
        var probe = new QueueProbe();
        var queueName = AzuriteFixture.UniqueName("slow");
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Reconciliation:Schedule"] = "0 0 0 1 1 *";
        settings["Photos:Container"] = AzuriteFixture.UniqueName("photos");
        settings["Standalone:DrainTimeout"] = "00:00:01";
        settings["Standalone:Queues:VisibilityTimeout"] = "00:05:00";
        settings[QueueProbe.QueueSetting] = queueName;
        var queue = azurite.Account.CreateQueueServiceClient(Shared.Storage.StorageAccount.CreateQueueClientOptions(QueueMessageEncoding.Base64)).GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("long work item");

        var app = new FunctionsAppFactory(settings, s =>
        {
            s.AddSingleton(probe);
            s.AddFunctionClasses(typeof(NeverFinishingProbeFunction));
        });
        app.CreateClient().Dispose();
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        (await queue.PeekMessagesAsync(1)).Value.ShouldBeEmpty(); // invisible while its handler runs

        await app.DisposeAsync();

        // Without the abandon it would stay invisible for the five-minute visibility timeout.
        var visible = (await queue.PeekMessagesAsync(1)).Value;
        visible.Length.ShouldBe(1);
        visible[0].Body.ToString().ShouldBe("long work item");
    }

    [Fact]
    public async Task Shutdown_WithABlobHandlerStillRunning_LeavesTheBlobForTheNextStart_WhichTriggersItOnce()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Reconciliation:Schedule"] = "0 0 0 1 1 *";
        settings["Photos:Container"] = AzuriteFixture.UniqueName("photos");
        settings["Standalone:DrainTimeout"] = "00:00:01";
        var container = azurite.Account.CreateBlobServiceClient().GetBlobContainerClient(settings["Photos:Container"]!);
        await container.CreateIfNotExistsAsync();
        await container.UploadBlobAsync("guitar.jpg", new BinaryData([4, 2]));

        var first = new FunctionsAppFactory(settings, s => s.AddSingleton<IPhotoPipeline>(new HangingPhotoPipeline(started)));
        first.CreateClient().Dispose();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await first.DisposeAsync();

        // The interrupted attempt is neither completed nor counted as a failure: the next start delivers the blob.
        var photos = new PhotoRecorder();
        await using (var second = new FunctionsAppFactory(settings, s => s.AddSingleton<IPhotoPipeline>(photos)))
        {
            second.CreateClient().Dispose();
            await Eventually.WaitAsync(() => photos.Photos.Any(p => p.Name == "guitar.jpg"), "guitar.jpg to trigger after the restart");
        }

        photos.Photos.Count(p => p.Name == "guitar.jpg").ShouldBe(1);
        photos.Photos.Single().Content.ToArray().ShouldBe([4, 2]);
    }

    private sealed class HangingPhotoPipeline(TaskCompletionSource started) : IPhotoPipeline
    {
        public async Task StartAsync(PhotoArrival photo, CancellationToken cancellationToken)
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
