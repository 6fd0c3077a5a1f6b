using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Shared.Storage;

/// <summary>
/// An account name and key used to sign requests with the Azure Storage SharedKey scheme.
/// The key never leaves this type except as an HMAC; <see cref="ToString"/> does not reveal it.
/// </summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    /// <summary>Creates a credential from an account name and its base64 account key.</summary>
    /// <exception cref="FormatException">The key is not valid base64.</exception>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        _key = Convert.FromBase64String(accountKey);
        AccountKey = accountKey;
    }

    internal string AccountKey { get; }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Returns base64(HMAC-SHA256(key, UTF-8 message)).</summary>
    public string ComputeHmacSha256(string message) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message)));

    /// <inheritdoc />
    public override string ToString() => $"SharedKey({AccountName})";
}
