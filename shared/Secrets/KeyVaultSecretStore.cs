using Azure;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Shared.Secrets;

/// <summary>
/// Secrets in Azure Key Vault (the deployed store: the app's managed identity needs <c>Key Vault Secrets Officer</c>
/// on the vault). Get returns null for a missing (or soft-deleted) secret; Set writes a new version; Delete removes
/// the secret and waits until the deletion has finished. On a soft-delete vault a deleted name stays reserved during
/// the retention period (Set answers 409 Conflict, <c>ObjectIsDeletedButRecoverable</c>): Set then recovers the
/// deleted secret and writes the new value as its latest version, which works with and without purge protection.
/// Values are never logged. Errors other than a missing secret surface as <see cref="RequestFailedException"/>.
/// Thread-safe; create once.
/// </summary>
public sealed partial class KeyVaultSecretStore : ISecretStore
{
    private readonly SecretClient _client;
    private readonly ILogger _logger;

    /// <summary>A store over <paramref name="vaultUri"/> authenticated by <paramref name="credential"/>.</summary>
    public KeyVaultSecretStore(Uri vaultUri, TokenCredential credential, SecretClientOptions? options = null, ILogger<KeyVaultSecretStore>? logger = null)
        : this(new SecretClient(vaultUri, credential, options ?? new SecretClientOptions()), logger)
    {
    }

    /// <summary>A store over an existing client.</summary>
    public KeyVaultSecretStore(SecretClient client, ILogger<KeyVaultSecretStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The vault's URI.</summary>
    public Uri VaultUri => _client.VaultUri;

    /// <inheritdoc />
    public async ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            var secret = await _client.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return secret.Value.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask SetSecretAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            await _client.SetSecretAsync(name, value, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            // The name is held by a soft-deleted secret: recover it, then write. If there is none to recover (another
            // instance recovered it, or the conflict has another cause), the second Set succeeds or throws its own 409.
            await TryRecoverAsync(name, cancellationToken).ConfigureAwait(false);
        }

        await _client.SetSecretAsync(name, value, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        DeleteSecretOperation operation;
        try
        {
            operation = await _client.StartDeleteSecretAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return;
        }

        // Until the deletion completes the name can neither be set nor recovered.
        await operation.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        LogDeleted(name, operation.Value.RecoveryId is not null);
    }

    /// <summary>Never prints values.</summary>
    public override string ToString() => $"KeyVaultSecretStore ({VaultUri})";

    // A 409 on Set means the name is held by a soft-deleted secret; 404: there is none (any longer) to recover.
    private async Task TryRecoverAsync(string name, CancellationToken cancellationToken)
    {
        RecoverDeletedSecretOperation operation;
        try
        {
            operation = await _client.StartRecoverDeletedSecretAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return;
        }

        await operation.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        LogRecovered(name);
    }

    [LoggerMessage(1, LogLevel.Information, "Secret {SecretName} deleted from Key Vault (recoverable: {Recoverable})")]
    private partial void LogDeleted(string secretName, bool recoverable);

    [LoggerMessage(2, LogLevel.Information, "Secret {SecretName} was soft-deleted; recovered it to write a new version")]
    private partial void LogRecovered(string secretName);
}
