namespace Marketplace.Sandbox.Reverb;

/// <summary>
/// The Reverb sandbox's shops: the default one (<see cref="ReverbSandboxOptions.AccessToken"/>) and one per
/// <see cref="ReverbSandboxOptions.Shops"/> entry, each with its own token, listings and orders, as separate Reverb
/// accounts are. Ids come from one sequence, as Reverb's listing ids and order numbers are unique across shops.
/// </summary>
public sealed class ReverbSandboxShops
{
    /// <summary>Where the request's shop is kept once its token is recognised.</summary>
    internal const string ItemKey = "reverb-sandbox-shop";

    private readonly Dictionary<string, ReverbSandboxState> _byName = new(StringComparer.Ordinal);

    public ReverbSandboxShops(ReverbSandboxState defaultShop, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(defaultShop);
        Default = defaultShop;
        foreach (var (name, token) in defaultShop.Options.Shops)
        {
            var options = new ReverbSandboxOptions { AccessToken = token, RateLimitRetryAfter = defaultShop.Options.RateLimitRetryAfter };
            _byName[name] = new ReverbSandboxState(options, time, defaultShop.Ids);
        }
    }

    public ReverbSandboxState Default { get; }

    /// <summary>A further shop by name (see <see cref="ReverbSandboxOptions.Shops"/>).</summary>
    public ReverbSandboxState this[string name] => _byName[name];

    /// <summary>The shop whose token the <c>Authorization</c> header carries, or null.</summary>
    public ReverbSandboxState? ForAuthorization(string authorization) =>
        authorization == "Bearer " + Default.Options.AccessToken ? Default
        : _byName.Values.FirstOrDefault(s => authorization == "Bearer " + s.Options.AccessToken);

    /// <summary>The shop of the request (set by the <c>/api</c> filter).</summary>
    internal static ReverbSandboxState Of(HttpContext http) => (ReverbSandboxState)http.Items[ItemKey]!;
}

/// <summary>One id sequence for listings and orders of every sandbox shop.</summary>
public sealed class ReverbSandboxIds
{
    private long _last = 70_000_000;

    public long Next() => Interlocked.Increment(ref _last);
}
