using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Shared.Catalog;

/// <summary>
/// Layout of the catalog table. One partition per product (partition key = SKU) holds everything that must
/// change atomically with it, so each mutation is one entity group transaction:
/// <c>product</c> (content, quantity, ledger sequence), <c>version|{v:D19}</c> (content snapshots),
/// <c>ledger|{sha256(eventId)}</c> (append-only, the event id makes a duplicate a 409),
/// <c>oversell|{sha256(eventId)}</c>, <c>outbox|{id}</c>, <c>audit|{inverted ticks}|{id}</c> (newest first),
/// <c>listing|{platform}</c>, <c>changeset|{id}</c>. Every row has <c>Kind</c> for cross-partition queries.
/// </summary>
internal static class CatalogKeys
{
    public const string Product = "product";
    public const string Version = "version";
    public const string Ledger = "ledger";
    public const string Oversell = "oversell";
    public const string Outbox = "outbox";
    public const string Audit = "audit";
    public const string Listing = "listing";
    public const string ChangeSet = "changeset";

    public const string KindColumn = "Kind";
    public const string DataColumn = "Data";

    public static string VersionRow(long version) => $"{Version}|{version.ToString("D19", CultureInfo.InvariantCulture)}";

    public static string LedgerRow(string eventId) => $"{Ledger}|{Hash(eventId)}";

    public static string OversellRow(string eventId) => $"{Oversell}|{Hash(eventId)}";

    public static string OutboxRow(string id) => $"{Outbox}|{id}";

    public static string AuditRow(DateTimeOffset at, string id) =>
        $"{Audit}|{(DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}|{id}";

    public static string ListingRow(Platform platform) => $"{Listing}|{platform.ToWire()}";

    public static string ChangeSetRow(string id) => $"{ChangeSet}|{id}";

    /// <summary>Lower and upper bounds (exclusive upper) of the rows of one kind within a partition.</summary>
    public static (string From, string To) Range(string kind) => (kind + "|", kind + "}");

    /// <summary>A new sortable unique id (UUID v7, 32 hex digits).</summary>
    public static string NewId(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
