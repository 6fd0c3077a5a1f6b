using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using System.Text.RegularExpressions;

namespace Marketplace.Shared.Reverb;

/// <summary>
/// A further Reverb shop (section <c>Reverb:Accounts:{key}</c>): its own token and webhook secret; the other client
/// settings (API root unless given, retries, page sizes) are the default account's.
/// </summary>
public sealed class ReverbAccountOptions
{
    /// <summary>The shop's access token. Secret.</summary>
    [Required]
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>The secret path segment of this shop's webhook route (<c>webhooks/reverb/{key}/{secret}</c>). Secret.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>API root when it differs from the default account's.</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>
    /// This shop's shipping profiles for the default shop's (<c>Reverb:Accounts:{key}:ShippingProfiles:{defaultShopProfileId}</c>
    /// = this shop's id). A Reverb shipping profile id belongs to one shop, and a product's Reverb profile is the default
    /// shop's; see <see cref="ReverbAccount.ShippingProfileFor"/>.
    /// </summary>
    public Dictionary<string, string> ShippingProfiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>This shop's profile for a product whose Reverb profile <see cref="ShippingProfiles"/> does not map.</summary>
    public string? ShippingProfileId { get; set; }

    /// <summary>The profile ids that are not Reverb ids (whole numbers), as setting names; empty when all are.</summary>
    public IEnumerable<string> InvalidShippingProfiles(string key) =>
        ShippingProfiles.Where(p => !IsProfileId(p.Key) || !IsProfileId(p.Value)).Select(p => $"Reverb:Accounts:{key}:ShippingProfiles:{p.Key}")
            .Concat(ShippingProfileId is null || IsProfileId(ShippingProfileId) ? [] : [$"Reverb:Accounts:{key}:ShippingProfileId"]);

    private static bool IsProfileId(string value) => long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0;
}

/// <summary>
/// One Reverb shop: its key (<see cref="ReverbAccounts.DefaultKey"/> for the <c>Reverb:*</c> settings), its client and, for a
/// further shop, its settings (<see cref="ReverbAccountOptions"/>; its shipping profiles).
/// </summary>
public sealed record ReverbAccount(string Key, ReverbClient Client, ReverbAccountOptions? Options = null)
{
    public bool IsDefault => Key == ReverbAccounts.DefaultKey;

    /// <summary>
    /// The shipping profile this shop's listing of a product ships under, from the product's Reverb profile
    /// (<paramref name="productProfile"/>, an id in the default shop): the default shop uses it as it is; another shop
    /// its mapped profile (<see cref="ReverbAccountOptions.ShippingProfiles"/>), else its own
    /// <see cref="ReverbAccountOptions.ShippingProfileId"/>, else none. The default shop's id is never sent to another
    /// shop (Reverb refuses a profile of another shop). A product with no Reverb profile gets none in any shop.
    /// </summary>
    public string? ShippingProfileFor(string? productProfile) =>
        IsDefault || productProfile is null ? productProfile
        : Options?.ShippingProfiles.GetValueOrDefault(productProfile) ?? Options?.ShippingProfileId;
}

/// <summary>
/// The Reverb shops this app manages: the default account (section <c>Reverb</c>, as before) first, then
/// <c>Reverb:Accounts:{key}</c> in key order. Listings, orders and webhooks are kept per account; a product names the
/// accounts it is listed on (<c>reverbAccounts</c>; none: the default account only).
/// </summary>
public sealed partial class ReverbAccounts
{
    /// <summary>The key of the account configured by the plain <c>Reverb:*</c> settings.</summary>
    public const string DefaultKey = "default";

    /// <summary>The draft attribute naming the accounts a product is listed on (comma-separated keys).</summary>
    public const string DraftAttribute = "reverbAccounts";

    private readonly Dictionary<string, ReverbAccount> _byKey;

    public ReverbAccounts(ReverbClient defaultClient, IEnumerable<ReverbAccount>? others = null)
    {
        ArgumentNullException.ThrowIfNull(defaultClient);
        var all = new List<ReverbAccount> { new(DefaultKey, defaultClient) };
        foreach (var account in (others ?? []).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!IsValidKey(account.Key) || account.Key == DefaultKey)
            {
                throw new ArgumentException($"Reverb account key '{account.Key}' must be lower-case letters, digits and dashes, and not '{DefaultKey}'.", nameof(others));
            }

            all.Add(account);
        }

        All = all;
        _byKey = all.ToDictionary(a => a.Key, StringComparer.Ordinal);
    }

    /// <summary>
    /// True for a well-formed account key: 1-32 lower-case letters, digits and dashes, starting with a letter or digit
    /// (<see cref="DefaultKey"/> is one). Whether such an account is configured is only known to an instance.
    /// </summary>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>
    /// The keys of the Reverb shops <paramref name="configuration"/> names: <see cref="DefaultKey"/> and each
    /// <c>Reverb:Accounts:{key}</c> (lower-cased, as the accounts are); null when there is no <c>Reverb</c> section.
    /// </summary>
    public static IReadOnlySet<string>? ConfiguredKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ReverbClientOptions.SectionName);
        if (!section.Exists())
        {
            return null;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal) { DefaultKey };
        keys.UnionWith(section.GetSection(nameof(ReverbClientOptions.Accounts)).GetChildren().Select(account => account.Key.ToLowerInvariant()));
        return keys;
    }

    /// <summary>Every account, the default one first.</summary>
    public IReadOnlyList<ReverbAccount> All { get; }

    public ReverbAccount Default => All[0];

    public bool TryGet(string? key, out ReverbAccount account) =>
        _byKey.TryGetValue(string.IsNullOrEmpty(key) ? DefaultKey : key.Trim().ToLowerInvariant(), out account!);

    /// <summary>The client of account <paramref name="key"/> (null or empty: the default account).</summary>
    /// <exception cref="InvalidOperationException">No such account is configured (e.g. a listing's shop whose settings were removed).</exception>
    public ReverbClient ClientFor(string? key) => TryGet(key, out var account)
        ? account.Client
        : throw new InvalidOperationException($"Reverb account '{key}' is not configured (configured: {string.Join(", ", All.Select(a => a.Key))}).");

    /// <summary>
    /// The accounts a draft's <see cref="DraftAttribute"/> names (none: the default account).
    /// </summary>
    /// <exception cref="ReverbValidationException">It names an account that is not configured.</exception>
    public IReadOnlyList<ReverbAccount> Targets(IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var keys = attributes.GetValueOrDefault(DraftAttribute)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (keys.Length == 0)
        {
            return [Default];
        }

        var unknown = keys.Where(k => !TryGet(k, out _)).ToList();
        if (unknown.Count > 0)
        {
            var problem = $"not configured: {string.Join(", ", unknown)} (configured: {string.Join(", ", All.Select(a => a.Key))})";
            throw new ReverbValidationException($"Reverb account {problem}.", new Dictionary<string, IReadOnlyList<string>> { [DraftAttribute] = [problem] }, null, null);
        }

        return All.Where(a => keys.Any(k => TryGet(k, out var named) && named == a)).ToList();
    }

    /// <summary>The client settings of account <paramref name="account"/>: the default's, with the account's token, secret and API root.</summary>
    public static ReverbClientOptions OptionsFor(ReverbClientOptions defaults, ReverbAccountOptions account)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(account);
        return new ReverbClientOptions
        {
            AccessToken = account.AccessToken,
            WebhookSecret = account.WebhookSecret,
            ApiBaseUrl = account.ApiBaseUrl ?? defaults.ApiBaseUrl,
            DefaultCurrency = defaults.DefaultCurrency,
            AttemptTimeout = defaults.AttemptTimeout,
            MaxRetries = defaults.MaxRetries,
            RetryBaseDelay = defaults.RetryBaseDelay,
            OrdersPageSize = defaults.OrdersPageSize,
            ListingsPageSize = defaults.ListingsPageSize,
            LeftHandedCategoryUuid = defaults.LeftHandedCategoryUuid,
        };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex KeyPattern();
}
