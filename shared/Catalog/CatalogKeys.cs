using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Shared.Catalog.Audit;

namespace Marketplace.Shared.Catalog;

/// <summary>
/// Layout of the catalog table. Products are spread over <see cref="PartitionCount"/> partitions by a stable
/// hash of the SKU (<see cref="PartitionOf"/>); a product and everything that must change atomically with it
/// share that partition, so each mutation is one entity group transaction, and a bulk import can commit many
/// products of one partition in one transaction. Row keys start with the row's kind, then the SKU:
/// <c>product|{sku}</c> (content, quantity, ledger sequence), <c>version|{sku}|{v:D19}</c> (content of superseded versions; the current one is the product row),
/// <c>ledger|{sku}|{sha256(eventId)}</c> (append-only; the event id makes a duplicate a 409),
/// <c>oversell|{sku}|{sha256(eventId)}</c>, <c>outbox|{sku}|{id}</c>, <c>audit|{sku}|{inverted ticks}|{id}</c>
/// (newest first), <c>listing|{sku}|{platform}</c>, <c>changeset|{sku}|{id}</c>. Secondary index rows, written
/// in the same transaction as the row they index, carry a full copy of its data: <c>audit@t|{inverted ticks}|{id}</c>
/// (every audit record, newest first), <c>audit@p|{platform}|…</c> (records naming a platform),
/// <c>audit@o|{outcome}|…</c> (records not SUCCESS) and <c>sale@t|{ticks}|{sku}|{hash}</c> (SALE and RETURN
/// ledger entries). A query across products reads one key range per partition and merges them in key order,
/// so it never reads rows of other kinds. Every row has <c>Kind</c> and <c>Sku</c>. SKUs hold only letters,
/// digits, '.', '_' and '-' (all below '|'), so <c>{kind}|{sku}|</c> ranges never overlap.
/// </summary>
internal static class CatalogKeys
{
    /// <summary>Number of partitions products are spread over. Changing it needs a data migration.</summary>
    public const int PartitionCount = 16;

    public const string Product = "product";
    public const string Version = "version";
    public const string Ledger = "ledger";
    public const string Oversell = "oversell";
    public const string Outbox = "outbox";
    public const string Audit = "audit";
    public const string Listing = "listing";
    public const string ChangeSet = "changeset";
    public const string AuditByTime = "audit@t";
    public const string AuditByPlatform = "audit@p";
    public const string AuditByOutcome = "audit@o";
    public const string SaleByTime = "sale@t";

    public const string KindColumn = "Kind";
    public const string DataColumn = "Data";
    public const string SkuColumn = "Sku";

    /// <summary>All partition keys, in order.</summary>
    public static IReadOnlyList<string> Partitions { get; } = [.. Enumerable.Range(0, PartitionCount).Select(PartitionName)];

    /// <summary>The partition of <paramref name="sku"/>: FNV-1a of its UTF-16 code units, modulo <see cref="PartitionCount"/>.</summary>
    public static string PartitionOf(string sku)
    {
        ArgumentNullException.ThrowIfNull(sku);
        var hash = 2166136261u;
        foreach (var c in sku)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return Partitions[(int)(hash % PartitionCount)];
    }

    public static string ProductRow(string sku) => $"{Product}|{sku}";

    public static string VersionRow(string sku, long version) => $"{Version}|{sku}|{version.ToString("D19", CultureInfo.InvariantCulture)}";

    public static string LedgerRow(string sku, string eventId) => $"{Ledger}|{sku}|{Hash(eventId)}";

    public static string OversellRow(string sku, string eventId) => $"{Oversell}|{sku}|{Hash(eventId)}";

    public static string OutboxRow(string sku, string id) => $"{Outbox}|{sku}|{id}";

    public static string AuditRow(string sku, DateTimeOffset at, string id) => $"{Audit}|{sku}|{Inverted(at)}|{id}";

    public static string AuditByTimeRow(DateTimeOffset at, string id) => $"{AuditByTime}|{Inverted(at)}|{id}";

    public static string AuditByPlatformRow(Platform platform, DateTimeOffset at, string id) => $"{AuditByPlatform}|{platform.ToWire()}|{Inverted(at)}|{id}";

    public static string AuditByOutcomeRow(AuditOutcome outcome, DateTimeOffset at, string id) => $"{AuditByOutcome}|{CatalogBatch.Wire(outcome)}|{Inverted(at)}|{id}";

    public static string SaleByTimeRow(DateTimeOffset at, string sku, string eventId) =>
        $"{SaleByTime}|{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{sku}|{Hash(eventId)}";

    public static string ListingRow(string sku, Platform platform) => $"{Listing}|{sku}|{platform.ToWire()}";

    public static string ChangeSetRow(string sku, string id) => $"{ChangeSet}|{sku}|{id}";

    /// <summary>Lower (inclusive) and upper (exclusive) bounds of the row keys starting with <c>{prefix}|</c>.</summary>
    public static (string From, string To) Range(string prefix) => (prefix + "|", prefix + "}");

    /// <summary>Bounds of the rows of <paramref name="kind"/> belonging to <paramref name="sku"/>.</summary>
    public static (string From, string To) Range(string kind, string sku) => Range($"{kind}|{sku}");

    /// <summary>
    /// Row-key bounds of an index ordered by inverted time under <paramref name="prefix"/> (newest first),
    /// narrowed to [<paramref name="from"/>, <paramref name="to"/>] (inclusive) when given.
    /// </summary>
    public static (string From, string To) NewestFirstRange(string prefix, DateTimeOffset? from, DateTimeOffset? to) =>
        (to is { } t ? $"{prefix}|{Inverted(t)}" : prefix + "|", from is { } f ? $"{prefix}|{Inverted(f)}}}" : prefix + "}");

    /// <summary>Row-key bounds of an index ordered by time under <paramref name="prefix"/>, narrowed to [from, to] (inclusive).</summary>
    public static (string From, string To) OldestFirstRange(string prefix, DateTimeOffset? from, DateTimeOffset? to) =>
        (from is { } f ? $"{prefix}|{f.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}" : prefix + "|",
         to is { } t ? $"{prefix}|{t.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}}}" : prefix + "}");

    /// <summary>A new sortable unique id (UUID v7, 32 hex digits).</summary>
    public static string NewId(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");

    private static string PartitionName(int index) => "p" + index.ToString("D2", CultureInfo.InvariantCulture);

    private static string Inverted(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
