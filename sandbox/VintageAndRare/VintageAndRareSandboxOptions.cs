namespace Marketplace.Sandbox.VintageAndRare;

/// <summary>The dealer account, listing review delay and fault switches of the Vintage &amp; Rare site (section <c>Sandbox:VintageAndRare</c>).</summary>
public sealed class VintageAndRareSandboxOptions
{
    /// <summary>Path prefix of the site on the shared sandbox port.</summary>
    public const string Prefix = "/vintageandrare";

    public string Username { get; set; } = "dealer@example.test";

    public string Password { get; set; } = "sandbox-vr-password";

    /// <summary>Key of the dealer inventory feed (<c>feed/inventory.xml?key=</c>).</summary>
    public string FeedKey { get; set; } = "sandbox-vr-feed-key";

    /// <summary>How long a new listing stays <c>pending</c> before it turns <c>active</c>.</summary>
    public TimeSpan PendingDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Fault switches (mutable while the site runs).</summary>
    public VintageAndRareFaults Faults { get; } = new();
}

/// <summary>What can go wrong on the site, switched on by tests or <c>POST /_sandbox/vintageandrare/faults</c>.</summary>
public sealed class VintageAndRareFaults
{
    /// <summary>Added to every page answer.</summary>
    public TimeSpan SlowPages { get; set; }

    /// <summary>Answers the next N add-listing submits with a 500, before anything is saved.</summary>
    public int FailSubmits { get; set; }

    /// <summary>Saves the next N add-listing submits, then holds the answer for <see cref="HoldDelay"/> (a browser killed mid-submit).</summary>
    public int HoldSubmitsAfterSave { get; set; }

    public TimeSpan HoldDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The add-listing form's title field gets another id (a site redesign).</summary>
    public bool ChangedSelector { get; set; }

    /// <summary>After a create, show a "thank you" page instead of the listing (the id must come from the CSV export).</summary>
    public bool NoShowPageAfterCreate { get; set; }
}
