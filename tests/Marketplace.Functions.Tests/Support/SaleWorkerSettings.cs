extern alias sandbox;

using Marketplace.TestSupport;
using sandbox::Marketplace.Sandbox.Ebay;

namespace Marketplace.Functions.Tests.Support;

/// <summary>
/// Settings of the functions app running the sale path standalone (sync worker on, its own task hub and inbox queue),
/// with eBay and the default Reverb shop on the in-process sandbox and the given secret as the Reverb
/// webhook path secret.
/// </summary>
internal static class SaleWorkerSettings
{
    public static Dictionary<string, string?> For(AzuriteFixture azurite, EbayReverbSandboxServer sandbox, string reverbSecret)
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Sync:WorkerEnabled"] = "true";
        settings["Sync:TaskHub"] = AzuriteFixture.UniqueName("hub");
        settings["Webhooks:Queue"] = AzuriteFixture.UniqueName("hooks");
        settings["Reverb:AccessToken"] = sandbox.Reverb.Options.AccessToken;
        settings["Reverb:ApiBaseUrl"] = sandbox.BaseUrl.ToString();
        settings["Reverb:WebhookSecret"] = reverbSecret;
        settings["Ebay:ClientId"] = sandbox.Ebay.Options.ClientId;
        settings["Ebay:ClientSecret"] = sandbox.Ebay.Options.ClientSecret;
        settings["Ebay:RefreshToken"] = sandbox.Ebay.Options.RefreshToken;
        settings["Ebay:ApiBaseUrl"] = sandbox.BaseUrl.ToString();
        settings["Ebay:IdentityBaseUrl"] = sandbox.BaseUrl.ToString();
        settings["Ebay:AccountDeletionVerificationToken"] = "a-verification-token-of-at-least-32-characters";
        settings["Ebay:AccountDeletionEndpoint"] = "https://shop.example/api/webhooks/ebay";
        return settings;
    }
}
