using Azure.Core;

namespace Marketplace.Shared.Storage;

/// <summary>
/// Options for the storage clients: the <c>x-ms-version</c> sent, retries (defaults: 5 retries,
/// exponential from 0.8 s up to 30 s, server hints such as <c>Retry-After</c> take precedence),
/// and Azure.Core diagnostics (the <c>Authorization</c> header and SAS signatures are never logged).
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The storage REST API version sent in <c>x-ms-version</c>.</summary>
    public const string DefaultServiceVersion = "2024-11-04";

    public StorageClientOptions()
    {
        Retry.MaxRetries = 5;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromMilliseconds(800);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.LoggedHeaderNames.Add("x-ms-request-id");
        Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
    }

    /// <summary>The <c>x-ms-version</c> header value.</summary>
    public string ServiceVersion { get; set; } = DefaultServiceVersion;

    /// <summary>Clock used to date SharedKey signatures; tests may pass a fake.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
