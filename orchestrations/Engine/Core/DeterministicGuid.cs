using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Orchestrations.Engine;

/// <summary>Name-based UUID version 5 (RFC 4122 section 4.3), as Durable's <c>NewGuid</c> computes it.</summary>
internal static class DeterministicGuid
{
    // The namespace Durable Functions uses for orchestration GUIDs.
    private static readonly Guid DurableNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid Create(string name) => Create(DurableNamespace, name);

    public static Guid Create(Guid namespaceId, string name)
    {
        var namespaceBytes = namespaceId.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[namespaceBytes.Length + nameBytes.Length];
        namespaceBytes.CopyTo(buffer, 0);
        nameBytes.CopyTo(buffer, namespaceBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is not a security use.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
