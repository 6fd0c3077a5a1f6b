using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog;

/// <summary>Settings of the catalog (configuration section <c>Catalog</c>).</summary>
public sealed class CatalogOptions
{
    /// <summary>The table holding products and everything partitioned with them. Default <c>catalog</c>.</summary>
    public string TableName { get; set; } = "catalog";

    /// <summary>Attempts of an optimistic-concurrency write that keeps losing the race (412). Default 60.</summary>
    public int MaxConcurrencyAttempts { get; set; } = 60;

    /// <summary>Ownership and auto-approval rules for change sets.</summary>
    public ChangeSetRules ChangeSetRules { get; set; } = new();

    /// <summary>Canonical → platform category mappings.</summary>
    public IList<CategoryMapping> CategoryMappings { get; } = [];

    /// <summary>Rows applied concurrently by a CSV import. Default 16.</summary>
    public int ImportConcurrency { get; set; } = 16;

    /// <summary>Errors listed by a CSV validation before it only counts them. Default 1,000.</summary>
    public int MaxReportedImportErrors { get; set; } = 1000;

    /// <summary>
    /// The Reverb shops this app is configured with (keys; see <see cref="Reverb.ReverbAccounts.ConfiguredKeys"/>): a
    /// product (API or CSV) naming another is refused at once rather than at its first push. Null: not checked.
    /// </summary>
    public IReadOnlySet<string>? ReverbAccounts { get; set; }
}
