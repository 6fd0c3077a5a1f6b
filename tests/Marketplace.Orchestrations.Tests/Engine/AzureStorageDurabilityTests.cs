using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>Azure Storage specifics: restarts, scale, payloads in blobs, several workers on one task hub.</summary>
[Trait("Category", "Integration")]
public sealed class AzureStorageDurabilityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly Workflows _workflows = new();

    [Fact]
    public async Task Timer_FiresAfterTheWorkerRestarts()
    {
        var hub = AzuriteFixture.UniqueName("restart");
        string id;
        await using (var first = await StartAsync(hub, "worker-1"))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.WaitTimer), 3000);
            await first.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        }

        // A different worker (no cache, no in-memory state) takes the released partitions and delivers the timer.
        await using var second = await StartAsync(hub, "worker-2");

        var result = await second.WaitAsync(id);
        result.ReadOutputAs<string>().ShouldBe("fired on time");
    }

    [Fact]
    public async Task FanOutFanIn_OfAThousandActivities_Completes()
    {
        await using var engine = await StartAsync(AzuriteFixture.UniqueName("fan"), "worker");

        var result = await engine.RunAsync(nameof(Workflows.FanOut), 1000);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(Enumerable.Range(1, 1000).Sum() * 2);
    }

    [Fact]
    public async Task TwoWorkers_ShareATaskHub_AndEachInstanceRunsToCompletion()
    {
        var hub = AzuriteFixture.UniqueName("pair");
        await using var one = await StartAsync(hub, "one", maxPartitions: 2);
        await using var two = await StartAsync(hub, "two", maxPartitions: 2);

        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            one.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.Sequence), new[] { "a", "b", "c" }, new StartOrchestrationOptions($"pair-{i}"))));

        foreach (var id in ids)
        {
            (await two.WaitAsync(id)).ReadOutputAs<string>().ShouldBe("hello a hello b hello c");
        }

        // Each activity ran once per task id although two workers polled the same queues.
        _workflows.Executions.Count.ShouldBe(36);
        _workflows.Executions.Values.ShouldAllBe(n => n == 1);
    }

    [Fact]
    public async Task SecondWorker_GetsHalfThePartitions_FromTheFirst()
    {
        var hub = AzuriteFixture.UniqueName("balance");
        var first = new AzureStorageOrchestrationService(azurite.Account, AzureStorageEngineTests.TestOptions(hub, "first"));
        var second = new AzureStorageOrchestrationService(azurite.Account, AzureStorageEngineTests.TestOptions(hub, "second"));
        await first.StartAsync();
        try
        {
            first.OwnedPartitions.Count.ShouldBe(4);
            await second.StartAsync();
            using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (second.OwnedPartitions.Count < 2 || first.OwnedPartitions.Count > 2)
            {
                await Task.Delay(100, hang.Token);
            }

            first.OwnedPartitions.Concat(second.OwnedPartitions).Order().ShouldBe([0, 1, 2, 3]);
        }
        finally
        {
            await second.StopAsync();
            await first.StopAsync();
        }
    }

    [Fact]
    public async Task LargeInputsAndOutputs_AreStoredInBlobs_AndPurgedWithTheInstance()
    {
        var hub = AzuriteFixture.UniqueName("large");
        await using var engine = await StartAsync(hub, "worker");
        var big = new string('x', 200_000);

        var result = await engine.RunAsync(nameof(Workflows.Echoing), big);

        result.ReadOutputAs<string>().ShouldBe(big);
        var payloads = new Marketplace.Shared.Storage.Blobs.BlobServiceClient(azurite.Account).GetBlobContainerClient(hub + "-payloads");
        (await payloads.GetBlobsAsync(result.InstanceId + "/").ToListAsync()).ShouldNotBeEmpty();
        (await engine.Client.PurgeInstanceAsync(result.InstanceId)).PurgedInstanceCount.ShouldBe(1);
        (await payloads.GetBlobsAsync(result.InstanceId + "/").ToListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task LongActivity_KeepsItsMessageInvisible_AndRunsOnce()
    {
        var runs = 0;
        var options = AzureStorageEngineTests.TestOptions(AzuriteFixture.UniqueName("long"));
        options.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(5);
        var service = new AzureStorageOrchestrationService(azurite.Account, options);
        await using var engine = await EngineHarness.StartAsync(service, service, r => r
            .AddActivityFunc<int, int>("Slow", async (_, n) =>
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(TimeSpan.FromSeconds(12));
                return n;
            })
            .AddOrchestratorFunc<int, int>("CallsSlow", (c, n) => c.CallActivityAsync<int>("Slow", n)));

        var result = await engine.RunAsync("CallsSlow", 9);

        result.ReadOutputAs<int>().ShouldBe(9);
        Volatile.Read(ref runs).ShouldBe(1);
    }

    [Fact]
    public async Task Worker_WithAnotherPartitionCount_RefusesToStart()
    {
        var hub = AzuriteFixture.UniqueName("count");
        await new AzureStorageOrchestrationService(azurite.Account, AzureStorageEngineTests.TestOptions(hub)).CreateIfNotExistsAsync();
        var options = AzureStorageEngineTests.TestOptions(hub);
        options.PartitionCount = 8;

        var error = await Should.ThrowAsync<InvalidOperationException>(() => new AzureStorageOrchestrationService(azurite.Account, options).CreateIfNotExistsAsync());

        error.Message.ShouldContain("created with 4 partitions but this worker is configured with 8");
    }

    [Fact]
    public async Task DelayedMessage_VisibleBeforeItsTime_IsRearmedNotApplied()
    {
        // What a timer longer than the queue's 7-day visibility limit looks like when its capped delay runs out.
        var hub = AzuriteFixture.UniqueName("rearm");
        await using var engine = await StartAsync(hub, "worker");
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.Approval), 600_000);
        await engine.WaitUntilAsync(id, i => i.SerializedCustomStatus == "\"waiting\"");
        var deliverAt = DateTime.UtcNow.AddSeconds(3);
        var message = new TaskMessage
        {
            InstanceId = id,
            MessageId = "early",
            DeliverAt = deliverAt,
            Event = new HistoryEvent { Type = EventType.EventRaised, Name = "Approval", Input = "\"later\"", Timestamp = DateTime.UtcNow },
        };
        var payloads = new Marketplace.Shared.Storage.Blobs.BlobServiceClient(azurite.Account).GetBlobContainerClient(hub + "-payloads");
        var text = await new QueueEnvelope(payloads, 45 * 1024).EncodeOneAsync(message, CancellationToken.None);
        var queue = new Marketplace.Shared.Storage.Queues.QueueServiceClient(azurite.Account).GetQueueClient($"{hub}-control-{PartitionHash.PartitionOf(id, 4):D2}");

        await queue.SendMessageAsync(text);

        var result = await engine.WaitAsync(id);
        result.ReadOutputAs<string>().ShouldBe("approved by later");
        result.LastUpdatedAt.ShouldBeGreaterThanOrEqualTo(deliverAt.AddSeconds(-1));
    }

    private Task<EngineHarness> StartAsync(string hub, string workerId, int maxPartitions = 16)
    {
        var options = AzureStorageEngineTests.TestOptions(hub, workerId);
        options.MaxPartitions = maxPartitions;
        var service = new AzureStorageOrchestrationService(azurite.Account, options);
        return EngineHarness.StartAsync(service, service, _workflows.Register);
    }
}
