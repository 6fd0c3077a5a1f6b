using Azure.Storage.Queues;
using Marketplace.Functions.Standalone;
using Marketplace.Functions.Photos;
using Marketplace.Functions.Tests.Support;
using Marketplace.Functions.Timers;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Standalone;

/// <summary>The standalone trigger sources end to end on Azurite, with real app instances.</summary>
[Trait("Category", "Integration")]
public sealed class StandaloneTriggerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private FunctionsAppFactory Start(Dictionary<string, string?> settings, Action<IServiceCollection> services)
    {
        var app = new FunctionsAppFactory(settings, services);
        app.CreateClient().Dispose(); // builds and starts the host, hence the trigger sources
        return app;
    }

    /// <summary>Standalone settings with a fresh state container and photo container, and the timer at <paramref name="schedule"/> (default: once a year, i.e. not during the test).</summary>
    private Dictionary<string, string?> Settings(string schedule = "0 0 0 1 1 *", string? state = null)
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, state ?? AzuriteFixture.UniqueName("state"));
        settings["Photos:Container"] = AzuriteFixture.UniqueName("photos");
        settings["Reconciliation:Schedule"] = schedule;
        return settings;
    }

    private QueueServiceClient Queues() => azurite.Account.CreateQueueServiceClient(StorageAccount.CreateQueueClientOptions(QueueMessageEncoding.Base64));

    [Fact]
    public async Task DroppedBlob_TriggersOnce_EvenAfterARestart()
    {
        var photos = new PhotoRecorder();
        var settings = Settings();
        var container = azurite.Account.CreateBlobServiceClient().GetBlobContainerClient(settings["Photos:Container"]!);
        await container.CreateIfNotExistsAsync();
        await container.UploadBlobAsync("first.jpg", new BinaryData([1, 2, 3]));

        await using (var first = Start(settings, s => s.AddSingleton<IPhotoPipeline>(photos)))
        {
            await Eventually.WaitAsync(() => photos.Photos.Any(p => p.Name == "first.jpg"), "first.jpg to trigger");
        }

        await using (var second = Start(settings, s => s.AddSingleton<IPhotoPipeline>(photos)))
        {
            await container.UploadBlobAsync("second.jpg", new BinaryData([4, 5]));
            await Eventually.WaitAsync(() => photos.Photos.Any(p => p.Name == "second.jpg"), "second.jpg to trigger");
        }

        photos.Photos.Count(p => p.Name == "first.jpg").ShouldBe(1);
        photos.Photos.Count(p => p.Name == "second.jpg").ShouldBe(1);
        photos.Photos.Single(p => p.Name == "first.jpg").Content.ToArray().ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task Blobs_WithTwoInstancesWatching_TriggerOnceEach()
    {
        var photos = new PhotoRecorder();
        var settings = Settings();
        var container = azurite.Account.CreateBlobServiceClient().GetBlobContainerClient(settings["Photos:Container"]!);
        await container.CreateIfNotExistsAsync();

        await using var a = Start(settings, s => s.AddSingleton<IPhotoPipeline>(photos));
        await using var b = Start(settings, s => s.AddSingleton<IPhotoPipeline>(photos));
        var names = Enumerable.Range(0, 10).Select(i => $"p{i}.jpg").ToList();
        await Task.WhenAll(names.Select(n => container.UploadBlobAsync(n, new BinaryData([7]))));
        await Eventually.WaitAsync(() => names.All(n => photos.Photos.Any(p => p.Name == n)), "all ten blobs to trigger");
        await Task.Delay(TimeSpan.FromSeconds(1)); // several more polls by both instances

        photos.Photos.GroupBy(p => p.Name).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public async Task Timer_WithTwoInstances_FiresEachOccurrenceOnce()
    {
        var fired = new ReconciliationRecorder();
        var settings = Settings("*/1 * * * * *");

        await using var a = Start(settings, s => s.AddSingleton<IReconciliationStarter>(fired));
        await using var b = Start(settings, s => s.AddSingleton<IReconciliationStarter>(fired));
        await Eventually.WaitAsync(() => fired.Requests.Select(r => r.ScheduledFor).Distinct().Count() >= 4, "four occurrences");

        var occurrences = fired.Requests.Select(r => r.ScheduledFor).ToList();
        occurrences.Count.ShouldBe(occurrences.Distinct().Count(), "an occurrence fired on both instances");
        fired.Requests.ShouldAllBe(r => r.Reason == "timer");
    }

    [Fact]
    public async Task Timer_OccurrenceMissedWhileDown_FiresOnceAsPastDue()
    {
        var fired = new ReconciliationRecorder();
        var state = AzuriteFixture.UniqueName("state");
        var settings = Settings("0 0 * * * *", state: state);
        var missed = DateTimeOffset.UtcNow.AddHours(-2);
        var status = new TimerStatus(missed.AddHours(-1), missed, missed.AddHours(-1));
        var container = azurite.Account.CreateBlobServiceClient().GetBlobContainerClient(state);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("timers/ReconciliationTimer/status").UploadAsync(BinaryData.FromObjectAsJson(status, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)), overwrite: true);

        await using var app = Start(settings, s => s.AddSingleton<IReconciliationStarter>(fired));
        await Eventually.WaitAsync(() => !fired.Requests.IsEmpty, "the missed occurrence to fire");

        fired.Requests.TryPeek(out var request).ShouldBeTrue();
        request.IsPastDue.ShouldBeTrue();
        request.ScheduledFor.ShouldBe(missed);
    }

    [Fact]
    public async Task FailingQueueHandler_EndsInThePoisonQueueAfterFiveDequeues_WithTheMessageIntact()
    {
        var probe = new QueueProbe { Fail = true };
        var queueName = AzuriteFixture.UniqueName("work");
        var settings = Settings();
        settings[QueueProbe.QueueSetting] = queueName;
        var queues = Queues();
        var queue = queues.GetQueueClient(queueName);
        var poison = queues.GetQueueClient(queueName + "-poison");
        await queue.CreateIfNotExistsAsync();
        const string text = """{"orchestration":"sync-42","payload":"ünïcødé & <xml/>"}""";
        await queue.SendMessageAsync(text);

        await using var app = Start(settings, s =>
        {
            s.AddSingleton(probe);
            s.AddFunctionClasses(typeof(ProbeQueueFunction));
        });
        await Eventually.WaitAsync(async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(1)).Value.Length == 1, "the message to reach the poison queue");

        probe.Received.Count.ShouldBe(5);
        probe.Received.Select(m => m.DequeueCount).ShouldBe([1, 2, 3, 4, 5]);
        (await poison.PeekMessagesAsync(1)).Value.Single().Body.ToString().ShouldBe(text);
        (await queue.PeekMessagesAsync(32)).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task QueueHandler_Succeeding_DeletesTheMessage()
    {
        var probe = new QueueProbe();
        var queueName = AzuriteFixture.UniqueName("work");
        var settings = Settings();
        settings[QueueProbe.QueueSetting] = queueName;
        var queue = Queues().GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => queue.SendMessageAsync("m" + i)));

        await using var app = Start(settings, s =>
        {
            s.AddSingleton(probe);
            s.AddFunctionClasses(typeof(ProbeQueueFunction));
        });
        await Eventually.WaitAsync(() => probe.Received.Select(m => m.Body.ToString()).Distinct().Count() == 40, "all forty messages");
        await Eventually.WaitAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the queue to empty");

        probe.Received.ShouldAllBe(m => m.DequeueCount == 1);
    }

    [Fact]
    public async Task QueueHandler_RunningLongerThanTheVisibilityTimeout_IsNotDeliveredTwice()
    {
        var probe = new QueueProbe();
        var queueName = AzuriteFixture.UniqueName("long");
        var settings = Settings();
        settings["Standalone:Queues:VisibilityTimeout"] = "00:00:04";
        settings[QueueProbe.QueueSetting] = queueName;
        var queue = Queues().GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("slow one");

        await using var app = Start(settings, s =>
        {
            s.AddSingleton(probe);
            s.AddFunctionClasses(typeof(SlowProbeFunction));
        });
        await Eventually.WaitAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the message to be handled and deleted");

        probe.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Blob_WhoseHandlerKeepsFailing_IsReportedToTheBlobPoisonQueueAfterFiveAttempts_AndNotTriedAgain()
    {
        var photos = new FailingPhotoPipeline();
        var settings = Settings();
        var container = azurite.Account.CreateBlobServiceClient().GetBlobContainerClient(settings["Photos:Container"]!);
        await container.CreateIfNotExistsAsync();
        var name = AzuriteFixture.UniqueName("broken") + ".jpg";
        await container.UploadBlobAsync(name, new BinaryData([9]));
        var poison = Queues().GetQueueClient("webjobs-blobtrigger-poison");

        await using var app = Start(settings, s => s.AddSingleton<IPhotoPipeline>(photos));
        await Eventually.WaitAsync(
            async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString().Contains(name, StringComparison.Ordinal)),
            "the blob to be reported as poison");
        await Task.Delay(TimeSpan.FromSeconds(1)); // several more polls

        photos.Attempts.ShouldBe(5);
    }

    private sealed class FailingPhotoPipeline : IPhotoPipeline
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public Task StartAsync(PhotoArrival photo, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            throw new InvalidOperationException("cannot read the photo");
        }
    }
}
