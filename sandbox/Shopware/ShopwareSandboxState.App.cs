using System.Security.Cryptography;

namespace Marketplace.Sandbox.Shopware;

public sealed partial class ShopwareSandboxState
{
    private readonly Dictionary<string, string> _integrations = new(StringComparer.Ordinal);

    /// <summary>The app installed by <see cref="InstallAppAsync"/>, if any: its webhooks get the orders' events.</summary>
    public ShopwareSandboxApp? App { get; private set; }

    /// <summary>Plays Shopware installing the app of <paramref name="manifest"/> (see <see cref="ShopwareSandboxApp"/>); the app replaces an earlier one.</summary>
    public async Task<ShopwareSandboxApp> InstallAppAsync(HttpClient appClient, string manifest, Uri shopUrl, bool rebase = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appClient);
        ArgumentNullException.ThrowIfNull(shopUrl);
        var app = await ShopwareSandboxApp.InstallAsync(this, appClient, manifest, shopUrl, rebase, cancellationToken);
        App = app;
        return app;
    }

    /// <summary>An integration (access key id and secret) for an app, as Shopware creates one per installed app.</summary>
    internal (string AccessKey, string SecretKey) CreateIntegration()
    {
        var accessKey = "SWIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(11));
        var secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36));
        lock (_gate)
        {
            _integrations[accessKey] = secretKey;
        }

        return (accessKey, secretKey);
    }

    /// <summary>True for the configured integration and for those created for apps.</summary>
    internal bool IsClient(string? clientId, string? clientSecret)
    {
        if (clientId == options.ClientId && clientSecret == options.ClientSecret)
        {
            return true;
        }

        lock (_gate)
        {
            return clientId is not null && _integrations.TryGetValue(clientId, out var secret) && secret == clientSecret;
        }
    }
}
