using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketplace.Shared.Photos;

/// <summary>
/// Names in the photo container: <c>{batchId}/{role}.{ext}</c> with role <c>cover</c>, <c>label</c> or <c>runout</c>.
/// A batch id is derived from the photos and hints, so the same batch uploaded twice is the same batch.
/// </summary>
public static partial class PhotoNames
{
    /// <summary>The roles a photo can have.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["cover", "label", "runout"];

    /// <summary>The batch id of the content: 20 hex characters of SHA-256 over roles, bytes and hints.</summary>
    public static string BatchIdOf(IEnumerable<(string Role, ReadOnlyMemory<byte> Bytes)> images, string hints)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (role, bytes) in images.OrderBy(i => i.Role, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(role + ":"));
            hash.AppendData(SHA256.HashData(bytes.Span));
        }

        hash.AppendData(Encoding.UTF8.GetBytes(hints));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..20];
    }

    /// <summary>The batch folder of a blob name (<c>abc/label.jpg</c> → <c>abc</c>), or null for a name outside a batch folder.</summary>
    public static string? BatchOf(string blobName)
    {
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && IsBatchId(blobName[..slash]) ? blobName[..slash] : null;
    }

    /// <summary>The role a photo's file name says (<c>label.jpg</c>, <c>runout-2.png</c>), or null.</summary>
    public static string? RoleOf(string blobName)
    {
        var file = blobName[(blobName.LastIndexOf('/') + 1)..].ToLowerInvariant();
        return Roles.FirstOrDefault(r => file.StartsWith(r, StringComparison.Ordinal)) is { } role && !file.EndsWith(".json", StringComparison.Ordinal) ? role : null;
    }

    /// <summary>1-63 lower-case letters, digits or '-' (also valid as a durable instance id part and a table key).</summary>
    public static bool IsBatchId(string? value) => value is not null && BatchIdPattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex BatchIdPattern();
}
