using Marketplace.Orchestrations.Hosting;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// A catalog on Azurite, two in-memory platforms (eBay and Reverb, <see cref="PullFakePlatform"/>) registered as
/// connectors and listing readers, and the sync workflows on the standalone Durable Task runtime with a running worker.
/// </summary>
internal sealed class PullHarness : IAsyncDisposable
{
    // Messages a stopped worker had taken come back after this (DTFx's default is 5 minutes); test steps are short.
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    private ReplaceableWorker _worker = null!;

    public PullFakePlatform Ebay { get; } = new(Platform.Ebay);

    public PullFakePlatform Reverb { get; } = new(Platform.Reverb);

    public IServiceProvider Services => _worker.Services;

    public ProductCatalog Catalog => Services.GetRequiredService<ProductCatalog>();

    public InventoryLedger Ledger => Services.GetRequiredService<InventoryLedger>();

    public ListingStore Listings => Services.GetRequiredService<ListingStore>();

    public ChangeSetService ChangeSets => Services.GetRequiredService<ChangeSetService>();

    public PullCursorStore Cursors => Services.GetRequiredService<PullCursorStore>();

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public int PlatformWrites => Ebay.Writes + Reverb.Writes;

    /// <param name="account">Azurite.</param>
    /// <param name="rules">Change-set rules instead of the defaults.</param>
    /// <param name="services">More services (real connectors and readers against a sandbox).</param>
    /// <param name="inMemoryPlatforms">Register <see cref="Ebay"/> and <see cref="Reverb"/> (false when <paramref name="services"/> brings the sandboxes' connectors).</param>
    /// <param name="categoryMappings">The catalog's category map (handedness maps back from it).</param>
    public static async Task<PullHarness> StartAsync(StorageAccount account, Func<ChangeSetRules, ChangeSetRules>? rules = null, Action<IServiceCollection>? services = null,
        bool inMemoryPlatforms = true, IReadOnlyList<CategoryMapping>? categoryMappings = null)
    {
        var harness = new PullHarness();
        var hub = "pull" + Guid.NewGuid().ToString("N")[..10];
        var table = "pull" + Guid.NewGuid().ToString("N")[..12];
        harness._worker = await ReplaceableWorker.StartAsync(workerId =>
        {
            var collection = new ServiceCollection();
            collection.AddLogging();
            collection.AddSingleton(account);
            services?.Invoke(collection);
            collection.AddCatalog(o =>
            {
                o.TableName = table;
                o.ChangeSetRules = rules?.Invoke(o.ChangeSetRules) ?? o.ChangeSetRules;
                foreach (var mapping in categoryMappings ?? [])
                {
                    o.CategoryMappings.Add(mapping);
                }
            });
            if (inMemoryPlatforms)
            {
                collection.AddSingleton<IMarketplaceConnector>(harness.Ebay);
                collection.AddSingleton<IMarketplaceConnector>(harness.Reverb);
            }

            collection.AddSyncWorkflows(new SyncOptions
            {
                PlatformRetry = new RetryPolicy(4, TimeSpan.FromMilliseconds(100), 1.5, TimeSpan.FromSeconds(1)),
                StorageRetry = new RetryPolicy(5, TimeSpan.FromMilliseconds(100), 2, TimeSpan.FromSeconds(1)),
            }, dispatchOutbox: false);
            collection.AddDurableTaskStandalone(account, o =>
            {
                o.TaskHub = hub;
                o.WorkerId = workerId;
                o.PartitionCount = 1;
                o.LeaseInterval = TimeSpan.FromSeconds(10);
                o.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(2);
                o.ControlQueueVisibilityTimeout = VisibilityTimeout;
                o.WorkItemQueueVisibilityTimeout = VisibilityTimeout;
            });
            collection.AddSyncWorkflowTasks();
            return collection.BuildServiceProvider();
        });
        return harness;
    }

    /// <summary>SKUs with a unique prefix: each an ACTIVE product listed on both platforms with the catalog's values, listings recorded as pushed (with the pushed values as baseline, as the pusher records them).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(int count, int quantity = 1, bool stocked = false)
    {
        var prefix = "PL" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var skus = new List<string>();
        var actor = CatalogActor.Create("test");
        for (var i = 0; i < count; i++)
        {
            var sku = $"{prefix}-{i:D2}";
            var product = await Catalog.CreateAsync(new Product
            {
                Sku = sku, Title = $"Gibson Les Paul {sku}", DescriptionHtml = "<p>1978.</p>", Brand = "Gibson", Model = "Les Paul", Year = 1978,
                BasePrice = 1000m, Currency = "EUR", Quantity = quantity, Stocked = stocked, Status = ProductStatus.Active,
                PriceRules = new Dictionary<Platform, PriceRule> { [Platform.Ebay] = new(PercentMarkup: 10m) },
            }, actor);
            foreach (var platform in new[] { Ebay, Reverb })
            {
                var remote = platform.Seed(sku, product.Title, PullDiff.ExpectedPrice(product, PlatformOf(platform)), quantity);
                await Listings.RecordAttemptAsync(new ListingAttemptReport
                {
                    Sku = sku, Platform = PlatformOf(platform), Operation = "create", Succeeded = true, Version = product.Version,
                    ExternalId = remote.ExternalId, Url = remote.Url?.ToString(), RemoteStatus = "ACTIVE", RemoteSnapshot = PullDiff.Baseline(product),
                }, actor);
            }

            skus.Add(sku);
        }

        return skus;
    }

    public async Task<string> StartSyncAsync(FullSyncRequest request) => await Services.GetRequiredService<FullSyncStarter>().StartAsync(request);

    public async Task<FullSyncState> SyncAsync(FullSyncRequest request) => await WaitAsync(await StartSyncAsync(request));

    public async Task<FullSyncState> WaitAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<FullSyncState>()!;
    }

    public async Task<ReconciliationResult> ReconcileAsync()
    {
        (await Services.GetRequiredService<ReconciliationStarter>().StartAsync("test")).ShouldBeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await Client.WaitForInstanceCompletionAsync(ReconciliationStarter.InstanceId, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<ReconciliationResult>()!;
    }

    /// <summary>Every change set of the SKUs.</summary>
    public async Task<List<ChangeSet>> ChangeSetsAsync(IEnumerable<string> skus)
    {
        var all = new List<ChangeSet>();
        foreach (var sku in skus)
        {
            await foreach (var changeSet in ChangeSets.ListAsync(sku))
            {
                all.Add(changeSet);
            }
        }

        return all;
    }

    public Task StopWorkerAsync() => _worker.StopAsync();

    /// <summary>Starts a new worker (own services and worker id) on the same task hub.</summary>
    public Task StartReplacementWorkerAsync() => _worker.StartReplacementAsync();

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
    }

    private static Platform PlatformOf(PullFakePlatform platform) => PlatformNames.TryParse(platform.Platform, out var p) ? p : throw new InvalidOperationException(platform.Platform);
}
