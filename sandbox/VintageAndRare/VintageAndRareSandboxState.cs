using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Marketplace.Sandbox.VintageAndRare;

/// <summary>One dealer listing on the sandbox site.</summary>
public sealed class VintageAndRareListing
{
    public required long Id { get; init; }
    public required string Sku { get; init; }
    public required string Title { get; set; }
    public string Brand { get; set; } = string.Empty;
    public string Model { get; set; } = string.Empty;
    public string Year { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public required decimal Price { get; set; }
    public int Quantity { get; set; } = 1;
    public required string Category { get; init; }
    public required string ShippingProfile { get; set; }
    public string Condition { get; set; } = string.Empty;
    public IReadOnlyList<(string Name, long Bytes)> Photos { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>pending</c> (turns <c>active</c> after the review delay), <c>active</c>, <c>sold</c> or <c>withdrawn</c>.</summary>
    public string StoredStatus { get; set; } = "pending";

    public DateTimeOffset? SoldAt { get; set; }
}

/// <summary>Listings, sessions, CSRF tokens and counters of the Vintage &amp; Rare sandbox site.</summary>
public sealed class VintageAndRareSandboxState(VintageAndRareSandboxOptions options, TimeProvider time)
{
    /// <summary>Categories of the add-listing select (value, label), the left-handed ones included.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Categories =
    [
        ("electric-guitars", "Electric Guitars"),
        ("electric-guitars-left-handed", "Electric Guitars > Left Handed"),
        ("acoustic-guitars", "Acoustic Guitars"),
        ("acoustic-guitars-left-handed", "Acoustic Guitars > Left Handed"),
        ("bass-guitars", "Bass Guitars"),
        ("bass-guitars-left-handed", "Bass Guitars > Left Handed"),
        ("amplifiers", "Amplifiers"),
        ("effects", "Effects"),
    ];

    /// <summary>Shipping profiles of the dealer account.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> ShippingProfiles =
    [
        ("uk-standard", "UK standard"),
        ("eu-courier", "EU courier"),
        ("worldwide-insured", "Worldwide insured"),
    ];

    private readonly ConcurrentDictionary<long, VintageAndRareListing> _listings = new();
    private readonly ConcurrentDictionary<string, byte> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _csrf = new(StringComparer.Ordinal);
    private readonly Lock _createLock = new();
    private long _nextId = 300_000;
    private int _logins;

    public VintageAndRareSandboxOptions Options => options;

    public TimeProvider Time => time;

    /// <summary>Successful logins so far.</summary>
    public int Logins => Volatile.Read(ref _logins);

    /// <summary>Every listing (status resolved), by id.</summary>
    public IReadOnlyList<VintageAndRareListing> Listings => _listings.Values.OrderBy(l => l.Id).Select(Resolve).ToList();

    public string IssueCsrfToken()
    {
        var token = RandomNumberGenerator.GetHexString(32, lowercase: true);
        _csrf[token] = 0;
        return token;
    }

    /// <summary>True once per issued token.</summary>
    public bool ConsumeCsrfToken(string? token) => token is not null && _csrf.TryRemove(token, out _);

    public string? Login(string? username, string? password)
    {
        if (username != options.Username || password != options.Password)
        {
            return null;
        }

        var session = RandomNumberGenerator.GetHexString(40, lowercase: true);
        _sessions[session] = 0;
        Interlocked.Increment(ref _logins);
        return session;
    }

    public bool IsSession(string? session) => session is not null && _sessions.ContainsKey(session);

    /// <summary>The login wall mid-session: every session cookie stops working.</summary>
    public void ExpireSessions() => _sessions.Clear();

    public VintageAndRareListing? Get(long id) => _listings.TryGetValue(id, out var listing) ? Resolve(listing) : null;

    public IReadOnlyList<VintageAndRareListing> Search(string? query) =>
        Listings.Where(l => string.IsNullOrEmpty(query) || l.Sku.Equals(query.Trim(), StringComparison.OrdinalIgnoreCase)
            || l.Title.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();

    public VintageAndRareListing Add(Func<long, DateTimeOffset, VintageAndRareListing> create)
    {
        lock (_createLock)
        {
            var listing = create(++_nextId, time.GetUtcNow());
            _listings[listing.Id] = listing;
            return listing;
        }
    }

    public void MarkSold(VintageAndRareListing listing, string reason)
    {
        listing.StoredStatus = reason == "sold" ? "sold" : "withdrawn";
        listing.SoldAt = reason == "sold" ? time.GetUtcNow() : null;
        listing.Quantity = 0;
    }

    private VintageAndRareListing Resolve(VintageAndRareListing listing)
    {
        if (listing.StoredStatus == "pending" && time.GetUtcNow() - listing.CreatedAt >= options.PendingDelay)
        {
            listing.StoredStatus = "active";
        }

        return listing;
    }
}
