namespace Marketplace.Shared.Secrets;

/// <summary>
/// A writable store in front of a read-only fallback (usually <see cref="ConfigurationSecretStore"/>): Get returns
/// the writable store's value, else the fallback's, so secrets set as app settings keep working; Set and Delete go
/// to the writable store only (after a Delete, a value in configuration becomes visible again).
/// </summary>
public sealed class LayeredSecretStore(ISecretStore writable, ISecretStore fallback) : ISecretStore
{
    /// <summary>The store that receives writes.</summary>
    public ISecretStore Writable { get; } = writable ?? throw new ArgumentNullException(nameof(writable));

    /// <summary>The store read when <see cref="Writable"/> has no value.</summary>
    public ISecretStore Fallback { get; } = fallback ?? throw new ArgumentNullException(nameof(fallback));

    /// <inheritdoc />
    public async ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
        await Writable.GetSecretAsync(name, cancellationToken).ConfigureAwait(false)
        ?? await Fallback.GetSecretAsync(name, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public ValueTask SetSecretAsync(string name, string value, CancellationToken cancellationToken = default) =>
        Writable.SetSecretAsync(name, value, cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteSecretAsync(string name, CancellationToken cancellationToken = default) =>
        Writable.DeleteSecretAsync(name, cancellationToken);

    /// <summary>Never prints values.</summary>
    public override string ToString() => $"{Writable}, then {Fallback}";
}
