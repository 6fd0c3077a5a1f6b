using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Sandbox.Ebay;

namespace Marketplace.Sandbox.Shopware;

/// <summary>One accepted write: the path and, per written row, its entity and field names (rollout tests check what was written).</summary>
public sealed record ShopwareSandboxWrite(string Path, IReadOnlyList<(string Entity, IReadOnlyList<string> Fields)> Rows);

/// <summary>The Shopware sandbox's in-memory shop: entities by name and id, orders, tokens, the write log and the write-rate window.</summary>
public sealed partial class ShopwareSandboxState(ShopwareSandboxOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _recentWrites = new();
    private int _orderNumber = 10_000;

    public ShopwareSandboxOptions Options => options;

    public SandboxFaultInjector Faults { get; } = new(options.Faults);

    /// <summary>Tokens granted by <c>/api/oauth/token</c>.</summary>
    public int TokensGranted { get; private set; }

    /// <summary>Requests refused with 429 by the write-rate limit.</summary>
    public int Throttled { get; private set; }

    /// <summary>Every accepted write, in order.</summary>
    public ConcurrentQueue<ShopwareSandboxWrite> Writes { get; } = new();

    /// <summary>Media files fetched by URL: media id to URL.</summary>
    public ConcurrentDictionary<string, string> MediaFiles { get; } = new(StringComparer.Ordinal);

    internal DateTimeOffset Now => time.GetUtcNow();

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>Grants a new token; the caller checked the credentials.</summary>
    internal (string Token, int ExpiresIn) GrantToken()
    {
        lock (_gate)
        {
            var token = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            _tokens[token] = Now + options.TokenLifetime;
            TokensGranted++;
            return (token, (int)options.TokenLifetime.TotalSeconds);
        }
    }

    /// <summary>Every token granted so far (tests prove they are never logged).</summary>
    public IReadOnlyList<string> GrantedTokens
    {
        get
        {
            lock (_gate)
            {
                return [.. _tokens.Keys];
            }
        }
    }

    internal bool IsValidToken(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var expires) && expires > Now;
        }
    }

    /// <summary>Every token granted so far expires now (the next call of each holder gets 401).</summary>
    public void ExpireAllTokens()
    {
        lock (_gate)
        {
            foreach (var token in _tokens.Keys.ToList())
            {
                _tokens[token] = DateTimeOffset.MinValue;
            }
        }
    }

    /// <summary>False when this write is over <see cref="ShopwareSandboxOptions.WritesPerSecond"/> in the last second.</summary>
    internal bool TryTakeWriteSlot()
    {
        if (options.WritesPerSecond <= 0)
        {
            return true;
        }

        lock (_gate)
        {
            var now = Now;
            while (_recentWrites.TryPeek(out var at) && now - at >= TimeSpan.FromSeconds(1))
            {
                _recentWrites.Dequeue();
            }

            if (_recentWrites.Count >= options.WritesPerSecond)
            {
                Throttled++;
                return false;
            }

            _recentWrites.Enqueue(now);
            return true;
        }
    }

    /// <summary>A copy of every row of <paramref name="entity"/>.</summary>
    public IReadOnlyList<JsonObject> All(string entity)
    {
        lock (_gate)
        {
            return _entities.TryGetValue(entity, out var rows) ? [.. rows.Values.Select(r => (JsonObject)r.DeepClone())] : [];
        }
    }

    /// <summary>A copy of the product with this number, or null.</summary>
    public JsonObject? ProductByNumber(string number)
    {
        lock (_gate)
        {
            return Rows("product").Values.FirstOrDefault(p => p["productNumber"]?.GetValue<string>() == number)?.DeepClone() as JsonObject;
        }
    }

    /// <summary>A copy of one row, or null.</summary>
    public JsonObject? Get(string entity, string id)
    {
        lock (_gate)
        {
            return Rows(entity).TryGetValue(id, out var row) ? (JsonObject)row.DeepClone() : null;
        }
    }

    private Dictionary<string, JsonObject> Rows(string entity) =>
        _entities.TryGetValue(entity, out var rows) ? rows : _entities[entity] = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
}
