using Marketplace.Orchestrations.Hosting;
using Marketplace.Shared.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Hosting;

public sealed class DurableTaskStandaloneOptionsTests
{
    private static readonly StorageAccount Account = StorageAccount.Parse(
        $"DefaultEndpointsProtocol=http;AccountName={StorageAccount.DevelopmentAccountName};AccountKey={StorageAccount.DevelopmentAccountKey};" +
        "BlobEndpoint=http://127.0.0.1:1/a;QueueEndpoint=http://127.0.0.1:2/a;TableEndpoint=http://127.0.0.1:3/a;");

    [Fact]
    public void Options_AreBoundFromTheDurableSection_ThenConfigured()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Durable:TaskHub"] = "orders",
            ["Durable:PartitionCount"] = "2",
            ["Durable:ControlQueueVisibilityTimeout"] = "00:00:17",
            ["Durable:WorkItemQueueVisibilityTimeout"] = "00:00:11",
            ["Durable:ExtendedSessionsEnabled"] = "false",
        }, o => o.WorkerId = "w1");

        var options = provider.GetRequiredService<IOptions<DurableTaskStandaloneOptions>>().Value;

        options.TaskHub.ShouldBe("orders");
        options.PartitionCount.ShouldBe(2);
        options.ControlQueueVisibilityTimeout.ShouldBe(TimeSpan.FromSeconds(17));
        options.WorkItemQueueVisibilityTimeout.ShouldBe(TimeSpan.FromSeconds(11));
        options.ExtendedSessionsEnabled.ShouldBeFalse();
        options.WorkerId.ShouldBe("w1");
        options.MaxQueuePollingInterval.ShouldBe(TimeSpan.FromMilliseconds(100));
        provider.GetRequiredService<DurableTaskClient>().Name.ShouldBe("orders");
    }

    [Fact]
    public void InvalidSettings_AreRejectedNamingTheSetting()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Durable:TaskHub"] = "no-dashes",
            ["Durable:PartitionCount"] = "17",
        });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DurableTaskStandaloneOptions>>().Value);

        error.Failures.ShouldContain(f => f.Contains("Durable:TaskHub", StringComparison.Ordinal));
        error.Failures.ShouldContain(f => f.Contains("Durable:PartitionCount", StringComparison.Ordinal));
    }

    // The worker-kill test ran with 5 s: after one failed work item DTFx backed off 10 s per fetch, every message it
    // held reappeared meanwhile, and each work item then failed to delete its messages, so 20 instances stopped.
    [Theory]
    [InlineData("00:00:05", false)]
    [InlineData("00:00:09", false)]
    [InlineData("00:00:10", true)]
    [InlineData("00:05:00", true)]
    public void ControlQueueVisibility_ShorterThanDtfxsBackOff_IsRejectedSayingWhy(string timeout, bool accepted)
    {
        using var provider = Build(new Dictionary<string, string?> { ["Durable:ControlQueueVisibilityTimeout"] = timeout });

        var read = () => provider.GetRequiredService<IOptions<DurableTaskStandaloneOptions>>().Value;

        if (accepted)
        {
            read().ControlQueueVisibilityTimeout.ShouldBe(TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            var failure = Should.Throw<OptionsValidationException>(read).Failures.ShouldHaveSingleItem();
            failure.ShouldContain("Durable:ControlQueueVisibilityTimeout must be at least 10 seconds");
            failure.ShouldContain("backs off 10 s");
        }
    }

    [Fact]
    public void ProjectSettings_MapOntoTheDtfxBackend()
    {
        var options = new DurableTaskStandaloneOptions
        {
            TaskHub = "hub1",
            WorkerId = "w",
            PartitionCount = 3,
            LeaseInterval = TimeSpan.FromSeconds(6),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(19),
            MaxConcurrentActivities = 7,
        };

        var settings = DurableOrchestrationServiceFactory.CreateSettings(Account, options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        settings.TaskHubName.ShouldBe("hub1");
        settings.WorkerId.ShouldBe("w");
        settings.PartitionCount.ShouldBe(3);
        settings.ExtendedSessionsEnabled.ShouldBeTrue();
        settings.ControlQueueVisibilityTimeout.ShouldBe(TimeSpan.FromSeconds(19));
        settings.LeaseInterval.ShouldBe(TimeSpan.FromSeconds(6));
        settings.LeaseRenewInterval.ShouldBe(TimeSpan.FromSeconds(2));
        settings.MaxConcurrentTaskActivityWorkItems.ShouldBe(7);
        settings.ThrowExceptionOnInvalidDedupeStatus.ShouldBeTrue();
    }

    [Fact]
    public void ActivityConcurrency_DefaultsToTenPerProcessor_NotDtfxsTenInAll()
    {
        var settings = DurableOrchestrationServiceFactory.CreateSettings(Account, new DurableTaskStandaloneOptions { TaskHub = "hub1" }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        settings.MaxConcurrentTaskActivityWorkItems.ShouldBe(10 * Environment.ProcessorCount);
    }

    private static ServiceProvider Build(Dictionary<string, string?> values, Action<DurableTaskStandaloneOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddDurableTaskStandaloneClient(Account, configure);
        return services.BuildServiceProvider();
    }
}
