using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Marketplace.Shared.Catalog.Products;

/// <summary>
/// The catalog's per-platform <see cref="QuantityRule"/>s: one row per platform in table <c>{catalog table}rules</c>
/// (partition <c>quantity</c>). A platform without a row has <see cref="QuantityRule.None"/>. Read on every push, so a
/// change applies to the next quantity that leaves for the platform; re-pushing the listings it changes is the
/// caller's (the quantity-rule workflow's) job.
/// </summary>
public sealed class QuantityRuleStore
{
    private const string Partition = "quantity";
    private readonly TableClient _table;
    private Task? _created;

    public QuantityRuleStore(TableServiceClient tables, CatalogOptions catalog)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(catalog);
        _table = tables.GetTableClient(catalog.TableName + "rules");
    }

    /// <summary>The platform's rule (<see cref="QuantityRule.None"/> when none is set).</summary>
    public async Task<QuantityRule> GetAsync(Platform platform, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, platform.ToWire(), cancellationToken: cancellationToken);
        return row.HasValue ? ToRule(row.Value!) : QuantityRule.None;
    }

    /// <summary>Every platform's rule that is set.</summary>
    public async Task<IReadOnlyDictionary<Platform, QuantityRule>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var rules = new SortedDictionary<Platform, QuantityRule>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (PlatformNames.TryParse(row.RowKey, out var platform))
            {
                rules[platform] = ToRule(row);
            }
        }

        return rules;
    }

    /// <summary>Sets the platform's rule (<see cref="QuantityRule.None"/> removes it); returns the rule it replaced.</summary>
    /// <exception cref="CatalogValidationException">The rule is invalid (<see cref="QuantityRule.Validate"/>).</exception>
    public async Task<QuantityRule> SetAsync(Platform platform, QuantityRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Validate().FirstOrDefault() is { Key: not null } error)
        {
            throw CatalogValidationException.For(error.Key, error.Value);
        }

        var previous = await GetAsync(platform, cancellationToken);
        if (rule.IsIdentity)
        {
            await _table.DeleteEntityAsync(Partition, platform.ToWire(), ETag.All, cancellationToken);
            return previous;
        }

        var row = new TableEntity(Partition, platform.ToWire())
        {
            ["Percent"] = rule.Percent.ToString(CultureInfo.InvariantCulture),
            ["Maximum"] = rule.Maximum,
            ["Buffer"] = rule.Buffer,
            ["OneOffOnly"] = rule.OneOffOnly,
        };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return previous;
    }

    private static QuantityRule ToRule(TableEntity row) => new(
        row.GetString("Percent") is { } percent ? decimal.Parse(percent, CultureInfo.InvariantCulture) : 100m, row.GetInt32("Maximum"), row.GetInt32("Buffer") ?? 0, row.GetBoolean("OneOffOnly") ?? false);

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        _created is { IsCompletedSuccessfully: true } ? Task.CompletedTask : _created = _table.CreateIfNotExistsAsync(cancellationToken);
}
