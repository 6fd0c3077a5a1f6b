using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Catalog.Unmatched;

/// <summary>Where an unmatched sale stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnmatchedSaleStatus>))]
public enum UnmatchedSaleStatus
{
    /// <summary>Waiting for its SKU (or an operator).</summary>
    [JsonStringEnumMemberName("OPEN")]
    Open,

    /// <summary>Its SKU now exists: the sale was started again and applied to it.</summary>
    [JsonStringEnumMemberName("APPLIED")]
    Applied,

    /// <summary>An operator applied it to another SKU.</summary>
    [JsonStringEnumMemberName("RESOLVED")]
    Resolved,

    /// <summary>An operator decided it needs no stock change.</summary>
    [JsonStringEnumMemberName("DISMISSED")]
    Dismissed,
}

/// <summary>A sale whose SKU was not in the catalog when it arrived, kept until it is applied, resolved or dismissed.</summary>
public sealed record UnmatchedSale(string EventId, SaleEvent Sale, UnmatchedSaleStatus Status, DateTimeOffset At, string? AppliedTo = null, string? Note = null);

/// <summary>
/// The unmatched sales (table <c>{catalog table}unmatched</c>, one partition, row key = escaped event id, so recording
/// a sale twice keeps the first). Small: it holds only sales of unknown SKUs.
/// </summary>
public sealed class UnmatchedSaleStore(TableClient table, TimeProvider time)
{
    private const string Partition = "sale";
    private volatile bool _created;

    /// <summary>Keeps <paramref name="sale"/> as OPEN unless it is kept already; true when this call added it.</summary>
    public async Task<bool> RecordAsync(SaleEvent sale, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sale);
        await EnsureAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(new UnmatchedSale(sale.EventId, sale, UnmatchedSaleStatus.Open, time.GetUtcNow())), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>One sale by event id, or null.</summary>
    public async Task<UnmatchedSale?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(eventId), cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>The sales, oldest first; only those in <paramref name="status"/> and of <paramref name="sku"/> when given.</summary>
    public async IAsyncEnumerable<UnmatchedSale> ListAsync(UnmatchedSaleStatus? status = null, string? sku = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {Partition}") };
        if (status is { } s)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {Wire(s)}"));
        }

        if (sku is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"Sku eq {sku}"));
        }

        var sales = new List<UnmatchedSale>();
        await foreach (var entity in table.QueryAsync<TableEntity>(string.Join(" and ", filters), cancellationToken: cancellationToken))
        {
            sales.Add(FromEntity(entity));
        }

        foreach (var sale in sales.OrderBy(s => s.At))
        {
            yield return sale;
        }
    }

    /// <summary>Moves an OPEN sale to <paramref name="status"/>; false when it is not OPEN any more (someone else took it).</summary>
    public async Task<bool> CloseAsync(string eventId, UnmatchedSaleStatus status, string? appliedTo, string? note, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(eventId), cancellationToken: cancellationToken);
        if (!found.HasValue || FromEntity(found.Value!) is not { Status: UnmatchedSaleStatus.Open } open)
        {
            return false;
        }

        try
        {
            await table.UpdateEntityAsync(ToEntity(open with { Status = status, AppliedTo = appliedTo, Note = note }), found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(UnmatchedSale sale) => new(Partition, Key(sale.EventId))
    {
        ["Sku"] = sale.Sale.Sku,
        ["Status"] = Wire(sale.Status),
        [CatalogKeys.DataColumn] = CatalogJson.Serialize(sale),
    };

    private static UnmatchedSale FromEntity(TableEntity entity) => CatalogJson.Deserialize<UnmatchedSale>(entity.GetString(CatalogKeys.DataColumn)!);

    private static string Wire(UnmatchedSaleStatus status) => status.ToString().ToUpperInvariant();

    // Row keys may not hold '/', '\', '#', '?' or control characters; escaping keeps them unique.
    private static string Key(string eventId) => Uri.EscapeDataString(eventId);

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }
}
