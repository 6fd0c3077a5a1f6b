using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Marketplace.Sandbox.Shopware;

/// <summary>
/// The sandbox shop's side of the app system: <see cref="InstallAsync"/> reads an app's <c>manifest.xml</c>, calls its
/// registration URL (<c>shop-id</c>, <c>shop-url</c>, <c>timestamp</c>, signed with the app secret in
/// <c>shopware-app-signature</c>), checks the proof, creates integration credentials and posts them to the confirmation URL
/// signed with the shop secret the app returned; then the manifest's webhooks are delivered signed with that secret.
/// </summary>
public sealed class ShopwareSandboxApp
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, List<Uri>> _webhooks;

    private ShopwareSandboxApp(HttpClient http, string name, string shopSecret, string apiKey, Uri confirmationUrl, Dictionary<string, List<Uri>> webhooks)
    {
        _http = http;
        Name = name;
        ShopSecret = shopSecret;
        ApiKey = apiKey;
        ConfirmationUrl = confirmationUrl;
        _webhooks = webhooks;
    }

    /// <summary>The manifest's app name.</summary>
    public string Name { get; }

    /// <summary>The secret the app gave the shop at registration (signs the confirmation and every webhook).</summary>
    public string ShopSecret { get; }

    /// <summary>The integration access key id handed to the app.</summary>
    public string ApiKey { get; }

    /// <summary>The <c>confirmation_url</c> the app answered the registration with, as sent (before a rebase onto the app client's address).</summary>
    public Uri ConfirmationUrl { get; }

    /// <summary>
    /// Installs the app of <paramref name="manifest"/>: its URLs are taken relative to <paramref name="appClient"/>'s base
    /// address when <paramref name="rebase"/> (the manifest names the production host), otherwise as written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The app refused a step or its proof is wrong (as Shopware, the install fails).</exception>
    internal static async Task<ShopwareSandboxApp> InstallAsync(ShopwareSandboxState state, HttpClient appClient, string manifest, Uri shopUrl, bool rebase,
        CancellationToken cancellationToken)
    {
        var xml = XDocument.Parse(manifest).Root ?? throw new InvalidOperationException("The manifest is empty.");
        var name = xml.Element("meta")?.Element("name")?.Value ?? throw new InvalidOperationException("The manifest has no meta/name.");
        var registration = Resolve(xml.Element("setup")?.Element("registrationUrl")?.Value ?? throw new InvalidOperationException("The manifest has no setup/registrationUrl."));
        var shopId = state.Options.ShopId;
        var url = shopUrl.ToString().TrimEnd('/');
        var query = $"shop-id={Uri.EscapeDataString(shopId)}&shop-url={Uri.EscapeDataString(url)}&timestamp={state.Now.ToUnixTimeSeconds()}&sw-version=6.6.10.0";
        using var register = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(registration) { Query = query }.Uri);
        register.Headers.Add("shopware-app-signature", Sign(state.Options.AppSecret, query));
        using var answer = await appClient.SendAsync(register, cancellationToken);
        var body = await answer.Content.ReadAsStringAsync(cancellationToken);
        var json = answer.IsSuccessStatusCode ? JsonNode.Parse(body) : throw new InvalidOperationException($"Registration refused ({(int)answer.StatusCode}): {body}");
        if (json?["proof"]?.ToString() != Sign(state.Options.AppSecret, shopId + url + name))
        {
            throw new InvalidOperationException("The app's registration proof is wrong.");
        }

        var shopSecret = json["secret"]?.ToString() ?? throw new InvalidOperationException("The registration answer has no secret.");
        var confirmationUrl = json["confirmation_url"]?.ToString() ?? throw new InvalidOperationException("The registration answer has no confirmation_url.");
        var confirmation = Resolve(confirmationUrl);
        var (apiKey, secretKey) = state.CreateIntegration();
        var confirm = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["apiKey"] = apiKey, ["secretKey"] = secretKey, ["timestamp"] = state.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["shopUrl"] = url, ["shopId"] = shopId,
        }.ToJsonString());
        using var confirmRequest = new HttpRequestMessage(HttpMethod.Post, confirmation) { Content = new ByteArrayContent(confirm) };
        confirmRequest.Content.Headers.ContentType = new("application/json");
        confirmRequest.Headers.Add("shopware-shop-signature", Sign(shopSecret, confirm));
        using var confirmed = await appClient.SendAsync(confirmRequest, cancellationToken);
        if (!confirmed.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Confirmation refused ({(int)confirmed.StatusCode}): {await confirmed.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var webhooks = new Dictionary<string, List<Uri>>(StringComparer.Ordinal);
        foreach (var webhook in xml.Element("webhooks")?.Elements("webhook") ?? [])
        {
            var key = webhook.Attribute("event")?.Value ?? string.Empty;
            (webhooks.TryGetValue(key, out var urls) ? urls : webhooks[key] = []).Add(Resolve(webhook.Attribute("url")?.Value ?? string.Empty));
        }

        return new ShopwareSandboxApp(appClient, name, shopSecret, apiKey, new Uri(confirmationUrl, UriKind.RelativeOrAbsolute), webhooks);

        Uri Resolve(string url) =>
            rebase && Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? new Uri(appClient.BaseAddress!, absolute.PathAndQuery) : new Uri(appClient.BaseAddress!, url);
    }

    /// <summary>Delivers <paramref name="body"/> to every webhook the manifest declares for <paramref name="eventName"/>; the answers' status codes.</summary>
    public async Task<IReadOnlyList<int>> DeliverAsync(string eventName, (byte[] Body, string Signature) body, CancellationToken cancellationToken = default)
    {
        var statuses = new List<int>();
        foreach (var url in _webhooks.GetValueOrDefault(eventName) ?? [])
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body.Body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("shopware-shop-signature", body.Signature);
            using var response = await _http.SendAsync(request, cancellationToken);
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }

    internal static string Sign(string key, string message) => Sign(key, Encoding.UTF8.GetBytes(message));

    internal static string Sign(string key, byte[] message) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message));
}
