namespace Marketplace.Shared.Secrets;

/// <summary>
/// Where credentials live (access tokens obtained by OAuth, app secrets). Names use Key Vault's
/// alphabet (letters, digits and dashes; <c>--</c> separates parts, e.g. <c>shopify--my-shop--access-token</c>).
/// Implementations never log values. A missing secret is <c>null</c>, not an exception.
/// </summary>
public interface ISecretStore
{
    /// <summary>The secret's value, or null when it does not exist.</summary>
    ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the secret.</summary>
    /// <exception cref="NotSupportedException">The store is read-only.</exception>
    ValueTask SetSecretAsync(string name, string value, CancellationToken cancellationToken = default);

    /// <summary>Removes the secret; removing a missing secret is not an error.</summary>
    /// <exception cref="NotSupportedException">The store is read-only.</exception>
    ValueTask DeleteSecretAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>Helpers shared by the secret stores.</summary>
public static class SecretNames
{
    /// <summary>Joins parts with <c>--</c> after lower-casing them and replacing characters Key Vault rejects by dashes.</summary>
    public static string Compose(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return string.Join("--", parts.Select(Clean));
    }

    private static string Clean(string part)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(part);
        return string.Create(part.Length, part, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = char.ToLowerInvariant(source[i]);
                span[i] = char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-';
            }
        });
    }
}
