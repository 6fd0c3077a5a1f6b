using System.ComponentModel.DataAnnotations;

namespace Marketplace.Shared.VintageAndRare;

/// <summary>
/// The Vintage &amp; Rare dealer site as the browser sees it (section <c>VintageAndRare</c>): where it is, how Chromium is
/// launched, and every path and selector, so a change on the real site is a configuration change. The dealer's
/// email and password come from the secret store (<c>vintageandrare--{account}--username</c> / <c>--password</c>).
/// </summary>
public sealed class VintageAndRareOptions
{
    public const string SectionName = "VintageAndRare";

    /// <summary>Site root; paths below are relative to it.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>The dealer account: names the secrets, the saved login state and the per-account lock.</summary>
    [Required]
    public string Account { get; set; } = "default";

    /// <summary>Blob container for the login state and failure evidence.</summary>
    [Required]
    public string Container { get; set; } = "vintageandrare";

    /// <summary>Currency of the dealer's prices (sales read from the export carry it).</summary>
    public string Currency { get; set; } = "GBP";

    /// <summary>Debian's Chromium; never a browser downloaded by Playwright.</summary>
    [Required]
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    public bool Headless { get; set; } = true;

    public IList<string> ChromiumArgs { get; } =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Longest wait for one navigation or element.</summary>
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Blob lease held on the account while one operation drives it (15-60 s; renewed while held, expires when its worker dies).</summary>
    [Range(typeof(TimeSpan), "00:00:15", "00:01:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for another worker's operation on the account to end.</summary>
    public TimeSpan LeaseWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a waiting worker tries the account's lease again.</summary>
    public TimeSpan LeaseRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The add-listing form's condition label for each catalog condition (keys as the catalog writes them, spaces read
    /// as underscores). A condition with no label leaves the optional field unset.
    /// </summary>
    public IDictionary<string, string> ConditionLabels { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["BRAND_NEW"] = "Mint", ["MINT"] = "Mint", ["EXCELLENT"] = "Excellent", ["VERY_GOOD"] = "Very Good", ["GOOD"] = "Good", ["FAIR"] = "Fair",
    };

    public VintageAndRarePaths Paths { get; } = new();

    public VintageAndRareSelectors Selectors { get; } = new();
}

/// <summary>Site paths relative to <see cref="VintageAndRareOptions.BaseUrl"/> (<c>{0}</c> is the product id).</summary>
public sealed class VintageAndRarePaths
{
    public string Login { get; set; } = "account/login";
    public string AddListing { get; set; } = "instruments/add";
    public string Show { get; set; } = "instruments/show/{0}";
    public string Edit { get; set; } = "instruments/edit/{0}";
    public string DealerListings { get; set; } = "account/items?q={0}";
    public string CsvExport { get; set; } = "account/items/export.csv";

    /// <summary>The dealer inventory feed; <c>{0}</c> is the feed key (secret <c>vintageandrare--{account}--feedkey</c>).</summary>
    public string InventoryFeed { get; set; } = "feed/inventory.xml?key={0}";
}

/// <summary>CSS selectors of the site's forms and pages, and the CSV export's column names.</summary>
public sealed class VintageAndRareSelectors
{
    public string LoginUsername { get; set; } = "#username";
    public string LoginPassword { get; set; } = "#password";
    public string LoginSubmit { get; set; } = "#login-submit";
    public string Sku { get; set; } = "#add-listing #sku";
    public string Title { get; set; } = "#add-listing #title";
    public string Brand { get; set; } = "#add-listing #brand";
    public string Model { get; set; } = "#add-listing #model";
    public string Year { get; set; } = "#add-listing #year";
    public string Price { get; set; } = "#add-listing #price";
    public string Quantity { get; set; } = "#add-listing #quantity";
    public string Condition { get; set; } = "#add-listing #condition";
    public string Category { get; set; } = "#add-listing #category";
    public string ShippingProfile { get; set; } = "#add-listing #shipping_profile";
    public string Description { get; set; } = "#add-listing #description";
    public string Photos { get; set; } = "#add-listing #photos";
    public string AddSubmit { get; set; } = "#add-submit";
    public string FormErrors { get; set; } = "ul.errors li";
    public string ShowProductId { get; set; } = "#product-id";
    public string ListingRow { get; set; } = "#listings tr.listing-row";
    public string RowId { get; set; } = "data-id";
    public string RowSku { get; set; } = "data-sku";
    public string RowStatus { get; set; } = "data-status";
    public string EditTitle { get; set; } = "#edit-listing #title";
    public string EditPrice { get; set; } = "#edit-listing #price";
    public string EditQuantity { get; set; } = "#edit-listing #quantity";
    public string EditShippingProfile { get; set; } = "#edit-listing #shipping_profile";
    public string EditDescription { get; set; } = "#edit-listing #description";
    public string EditSubmit { get; set; } = "#edit-submit";
    public string SoldReason { get; set; } = "#sold-reason";
    public string MarkSoldSubmit { get; set; } = "#mark-sold-submit";
    public string CsvId { get; set; } = "product_id";
    public string CsvSku { get; set; } = "sku";
    public string CsvStatus { get; set; } = "status";
    public string CsvPrice { get; set; } = "price";
    public string CsvTitle { get; set; } = "title";
    public string CsvQuantity { get; set; } = "quantity";
    public string CsvSoldAt { get; set; } = "sold_at";
}
