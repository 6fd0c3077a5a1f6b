namespace Marketplace.Functions.Webhooks;

/// <summary>The registered <see cref="IWebhookVerifier"/>s by platform name (case-insensitive).</summary>
internal sealed class WebhookVerifierRegistry
{
    private readonly Dictionary<string, IWebhookVerifier> _byPlatform;

    public WebhookVerifierRegistry(IEnumerable<IWebhookVerifier> verifiers)
    {
        _byPlatform = new Dictionary<string, IWebhookVerifier>(StringComparer.OrdinalIgnoreCase);
        foreach (var verifier in verifiers)
        {
            if (!_byPlatform.TryAdd(verifier.Platform, verifier))
            {
                throw new InvalidOperationException($"Two webhook verifiers are registered for platform '{verifier.Platform}'.");
            }
        }
    }

    public IReadOnlyCollection<IWebhookVerifier> All => _byPlatform.Values;

    public bool TryGet(string platform, out IWebhookVerifier verifier) => _byPlatform.TryGetValue(platform, out verifier!);
}
