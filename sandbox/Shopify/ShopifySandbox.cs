using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// The Shopify stand-in's state: shops keyed by domain, access tokens, OAuth codes, ids. Tests reach it through DI
/// (<see cref="ShopifySandboxServer.Sandbox"/>) to provision shops, set plans and faults, and inspect data.
/// </summary>
internal sealed class ShopifySandbox(IOptions<ShopifySandboxOptions> options, TimeProvider time, ShopifyWebhookDispatcher webhooks)
{
    private readonly ConcurrentDictionary<string, SandboxShop> _shops = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SandboxShop> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (SandboxShop Shop, string Scope)> _codes = new(StringComparer.Ordinal);
    // Each sandbox numbers from its own random base, as ids from two shops never meet: tests that share a catalog table
    // but not a sandbox once matched one shop's product to another's listing by id.
    private long _nextId = 1_000_000_000 + (Random.Shared.NextInt64(1, 1_000_000) * 1_000);
    private long _nextShopId = 1;

    public ShopifySandboxOptions Options => options.Value;

    public TimeProvider Time => time;

    public ShopifyWebhookDispatcher Webhooks => webhooks;

    /// <summary>Staged uploads and bulk results live here (a fresh temporary folder per sandbox).</summary>
    public string StagingDirectory { get; } = Directory.CreateTempSubdirectory("shopify-sandbox-").FullName;

    /// <summary>The file a staged-upload key is stored in.</summary>
    public string StagedPath(string key) => Path.Combine(StagingDirectory, "upload-" + string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')));

    /// <summary>The file a bulk operation's result is written to.</summary>
    public string ResultPath(long operationId) => Path.Combine(StagingDirectory, $"bulk-{operationId}.jsonl");

    /// <summary>Creates (or returns) a shop and issues an access token for it.</summary>
    public (SandboxShop Shop, string AccessToken) ProvisionShop(string domain, ShopifySandboxFaults? faults = null, double? bucketSize = null, double? restoreRate = null)
    {
        var shop = GetOrCreateShop(domain);
        if (faults is not null)
        {
            shop.Faults = faults;
        }

        if (bucketSize is not null || restoreRate is not null)
        {
            shop.Bucket.SetPlan(bucketSize ?? Options.BucketSize, restoreRate ?? Options.RestoreRate);
        }

        var token = "shpat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _tokens[token] = shop;
        return (shop, token);
    }

    public SandboxShop GetOrCreateShop(string domain) =>
        _shops.GetOrAdd(domain, d => new SandboxShop(d, Interlocked.Increment(ref _nextShopId), Options, time, null));

    public SandboxShop? FindByToken(string? token) => token is not null && _tokens.TryGetValue(token, out var shop) ? shop : null;

    public SandboxShop? FindByDomain(string domain) => _shops.GetValueOrDefault(domain);

    public long NextId() => Interlocked.Increment(ref _nextId);

    public string IssueCode(SandboxShop shop, string scope)
    {
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (shop, scope);
        return code;
    }

    /// <summary>Exchanges a code once for a new token.</summary>
    public (string Token, string Scope)? RedeemCode(string code)
    {
        if (!_codes.TryRemove(code, out var entry))
        {
            return null;
        }

        var token = "shpat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _tokens[token] = entry.Shop;
        return (token, entry.Scope);
    }

    public void RevokeTokens(SandboxShop shop)
    {
        foreach (var (token, owner) in _tokens)
        {
            if (owner == shop)
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }
}
