using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Discogs;

/// <summary>
/// The Discogs sandbox's data: releases in Discogs's own JSON shape (seeded with the published fixtures 2 and 3, more
/// added through <c>/_sandbox/discogs/releases</c>), the seller's listings and orders, and the token's moving-window
/// request log. Thread-safe through one lock.
/// </summary>
public sealed partial class DiscogsSandboxState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, JsonObject> _releases = [];
    private readonly SortedDictionary<long, JsonObject> _listings = [];
    private readonly List<JsonObject> _orders = [];
    private readonly Queue<DateTimeOffset> _requests = new();
    private long _nextListing = 1_000_001;

    public DiscogsSandboxState(DiscogsSandboxOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        foreach (var name in new[] { "release_2.json", "release_3.json" })
        {
            using var stream = typeof(DiscogsSandboxState).Assembly.GetManifestResourceStream("Marketplace.Sandbox.Discogs.Fixtures." + name)!;
            AddRelease(JsonNode.Parse(stream)!.AsObject());
        }
    }

    public DiscogsSandboxOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>Requests answered 429 so far (benchmarks check none were).</summary>
    public int Throttled { get; private set; }

    /// <summary>Adds or replaces a release (Discogs's release JSON; <c>id</c> required).</summary>
    public void AddRelease(JsonObject release)
    {
        lock (_gate)
        {
            _releases[release["id"]!.GetValue<long>()] = (JsonObject)release.DeepClone();
        }
    }

    public JsonObject? Release(long id)
    {
        lock (_gate)
        {
            return _releases.TryGetValue(id, out var release) ? (JsonObject)release.DeepClone() : null;
        }
    }

    /// <summary>Counts a request in the moving window; false (and counted as throttled) when the window is full.</summary>
    public bool TryAdmit(out int used, out int remaining)
    {
        lock (_gate)
        {
            var now = Time.GetUtcNow();
            while (_requests.Count > 0 && _requests.Peek() + Options.RateLimitWindow <= now)
            {
                _requests.Dequeue();
            }

            var admitted = _requests.Count < Options.RateLimit;
            if (admitted)
            {
                _requests.Enqueue(now);
            }
            else
            {
                Throttled++;
            }

            used = _requests.Count;
            remaining = Options.RateLimit - used;
            return admitted;
        }
    }

    /// <summary>A price suggestion per media condition, from the release's <c>lowest_price</c> (or a price derived from its id).</summary>
    public JsonObject? PriceSuggestions(long releaseId)
    {
        if (Release(releaseId) is not { } release)
        {
            return null;
        }

        var basePrice = release["lowest_price"] is JsonValue v && v.TryGetValue<decimal>(out var lowest) ? lowest : 8m + releaseId % 17;
        var suggestions = new JsonObject();
        foreach (var (condition, factor) in Conditions)
        {
            suggestions[condition] = new JsonObject { ["currency"] = Options.Currency, ["value"] = Math.Round(basePrice * factor, 2) };
        }

        return suggestions;
    }

    internal static readonly (string Condition, decimal Factor)[] Conditions =
    [
        ("Mint (M)", 2.0m), ("Near Mint (NM or M-)", 1.6m), ("Very Good Plus (VG+)", 1.2m), ("Very Good (VG)", 1.0m),
        ("Good Plus (G+)", 0.7m), ("Good (G)", 0.5m), ("Fair (F)", 0.3m), ("Poor (P)", 0.2m),
    ];

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
