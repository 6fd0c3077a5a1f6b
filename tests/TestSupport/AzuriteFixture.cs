using Marketplace.Shared.Storage;
using Xunit;

namespace Marketplace.TestSupport;

/// <summary>
/// xunit fixture over the process-wide <see cref="AzuriteInstance"/>: test classes share one Azurite and
/// isolate themselves by unique container, queue and table names (<see cref="UniqueName"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;

    public AzuriteInstance Instance => _instance ?? throw new InvalidOperationException("Azurite has not started.");

    public StorageAccount Account => Instance.Account;

    public string ConnectionString => Instance.ConnectionString;

    /// <summary>A lower-case name valid for containers, queues and (letters and digits only) tables.</summary>
    public static string UniqueName(string prefix) => (prefix + Guid.NewGuid().ToString("N")[..12]).ToLowerInvariant();

    public async Task InitializeAsync() => _instance = await AzuriteInstance.SharedAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
