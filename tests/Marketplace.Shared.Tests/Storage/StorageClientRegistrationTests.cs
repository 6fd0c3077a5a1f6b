using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage;

[Trait("Category", "Integration")]
public sealed class StorageClientRegistrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddStorageClients_RegistersOneOfEachClient_OnTheAccount_WithBase64QueueMessages()
    {
        using var services = new ServiceCollection().AddStorageClients(azurite.Account).AddStorageClients().BuildServiceProvider();
        var name = AzuriteFixture.UniqueName("reg");

        services.GetRequiredService<BlobServiceClient>().ShouldBeSameAs(services.GetRequiredService<BlobServiceClient>());
        services.GetServices<QueueServiceClient>().Count().ShouldBe(1);
        var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"n\":1}");

        // Base64 of the UTF-8 text on the wire: what the Functions queue trigger (and the old hand-written client) expects.
        var raw = (await azurite.Account.CreateQueueServiceClient().GetQueueClient(name).PeekMessageAsync()).Value;
        Encoding.UTF8.GetString(Convert.FromBase64String(raw.Body.ToString())).ShouldBe("{\"n\":1}");
        (await queue.ReceiveMessageAsync()).Value.Body.ToString().ShouldBe("{\"n\":1}");

        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(name);
        (await container.CreateIfNotExistsAsync()).ShouldNotBeNull();
        var table = services.GetRequiredService<TableServiceClient>().GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r"));
    }

    [Fact]
    public void AddStorageClients_WithAnIdentityBasedSetting_PointsEachClientAtItsServiceUri()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "shopdata",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();

        using var services = new ServiceCollection().AddStorageClients(StorageAccount.FromConfiguration(configuration)).BuildServiceProvider();

        services.GetRequiredService<BlobServiceClient>().Uri.ShouldBe(new Uri("https://shopdata.blob.core.windows.net/"));
        services.GetRequiredService<QueueServiceClient>().Uri.ShouldBe(new Uri("https://shopdata.queue.core.windows.net/"));
        services.GetRequiredService<TableServiceClient>().Uri.Host.ShouldBe("shopdata.table.core.windows.net");
        services.GetRequiredService<BlobServiceClient>().AccountName.ShouldBe("shopdata");
    }

    [Fact]
    public async Task AddStorageClients_KeepsTheSdksPerRequestLogsOutOfInformation_UnlessConfigured()
    {
        var quiet = await RequestLogsAsync(configuration: null);
        var configured = await RequestLogsAsync(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Azure.Core"] = "Information",
        }).Build());

        quiet.ShouldNotContain(l => l.StartsWith("Information Azure.Core", StringComparison.Ordinal));
        configured.ShouldContain(l => l.StartsWith("Information Azure.Core: Request", StringComparison.Ordinal));
    }

    private async Task<List<string>> RequestLogsAsync(IConfiguration? configuration)
    {
        var lines = new List<string>();
        using (var services = new ServiceCollection()
            .AddLogging(b =>
            {
                b.SetMinimumLevel(LogLevel.Information).AddProvider(new ListLoggerProvider(lines));
                if (configuration is not null)
                {
                    b.AddConfiguration(configuration.GetSection("Logging"));
                }
            })
            .AddStorageClients(azurite.Account)
            .BuildServiceProvider())
        {
            await services.GetRequiredService<TableServiceClient>().GetTableClient(AzuriteFixture.UniqueName("logs")).CreateIfNotExistsAsync();
        }

        lock (lines)
        {
            return [.. lines];
        }
    }

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CategoryLogger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class CategoryLogger(string category, List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add($"{logLevel} {category}: {formatter(state, exception)}");
                }
            }
        }
    }
}
