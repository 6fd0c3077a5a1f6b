using Microsoft.Extensions.Configuration;

namespace Marketplace.Shared.Secrets;

/// <summary>
/// Reads secrets from configuration (app settings, environment, Key Vault references resolved by the host).
/// A name's <c>--</c> separators map to configuration sections (<c>shopify--shop--access-token</c> is read from
/// <c>shopify:shop:access-token</c>), the Key Vault configuration provider's convention. Read-only.
/// </summary>
public sealed class ConfigurationSecretStore(IConfiguration configuration) : ISecretStore
{
    /// <inheritdoc />
    public ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var value = configuration[name.Replace("--", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)];
        return ValueTask.FromResult(string.IsNullOrEmpty(value) ? null : value);
    }

    /// <inheritdoc />
    public ValueTask SetSecretAsync(string name, string value, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"Configuration is read-only: cannot store secret '{name}'. Use a writable store (Key Vault) for tokens obtained at run time.");

    /// <inheritdoc />
    public ValueTask DeleteSecretAsync(string name, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"Configuration is read-only: cannot delete secret '{name}'.");
}
