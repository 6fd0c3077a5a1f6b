using System.ComponentModel.DataAnnotations;

namespace Marketplace.Shared.Ocr;

/// <summary>
/// Settings of <see cref="DocumentIntelligenceClient"/> (section <c>Ocr:DocumentIntelligence</c>). With <see cref="ApiKey"/>
/// the key is sent as <c>Ocp-Apim-Subscription-Key</c>; without it the client signs in with Entra ID
/// (<c>DefaultAzureCredential</c>, scope <c>https://cognitiveservices.azure.com/.default</c>).
/// </summary>
public sealed class DocumentIntelligenceClientOptions
{
    /// <summary>The resource endpoint, e.g. <c>https://my-resource.cognitiveservices.azure.com/</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Resource key. Secret: from configuration or Key Vault, never logged. Empty: Entra ID.</summary>
    public string? ApiKey { get; set; }

    /// <summary>REST API version (default <c>2024-11-30</c>, the GA version).</summary>
    public string ApiVersion { get; set; } = "2024-11-30";

    /// <summary>The model (default <c>prebuilt-read</c>).</summary>
    public string ModelId { get; set; } = "prebuilt-read";

    /// <summary>Poll interval when the service sends no <c>Retry-After</c> (default 1 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one analysis may run before the client gives up (default 2 min).</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries of a throttled (429, Retry-After honoured) or failed (5xx, transport) call (default 4).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay when the service gives no hint, doubled per retry (default 500 ms).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Timeout of one HTTP attempt (default 30 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
