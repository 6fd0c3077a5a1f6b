using System.Collections.Concurrent;

namespace Marketplace.Shared.Secrets;

/// <summary>A process-local secret store for tests and the local demo; values vanish with the process.</summary>
public sealed class InMemorySecretStore : ISecretStore
{
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_secrets.TryGetValue(name, out var value) ? value : null);

    /// <inheritdoc />
    public ValueTask SetSecretAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _secrets[name] = value;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        _secrets.TryRemove(name, out _);
        return ValueTask.CompletedTask;
    }

    /// <summary>Never prints values.</summary>
    public override string ToString() => $"InMemorySecretStore ({_secrets.Count} secrets)";
}
