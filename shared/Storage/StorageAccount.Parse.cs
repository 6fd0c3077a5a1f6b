namespace Marketplace.Shared.Storage;

public sealed partial class StorageAccount
{
    /// <summary>
    /// Parses an Azure Storage connection string: <c>UseDevelopmentStorage=true</c> (Azurite on its default
    /// ports), or <c>AccountName</c> + <c>AccountKey</c> with <c>DefaultEndpointsProtocol</c>,
    /// <c>EndpointSuffix</c> and optional <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c>.
    /// </summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="settingName">The setting it came from, named in errors (its value never is).</param>
    /// <exception cref="StorageConfigurationException">The connection string is malformed or incomplete.</exception>
    public static StorageAccount Parse(string connectionString, string settingName = "AzureWebJobsStorage")
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageConfigurationException(settingName, "is empty.");
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new StorageConfigurationException(settingName, "is not a connection string: every part must be Key=Value.");
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var p) ? p.TrimEnd('/') : "http://127.0.0.1";
            return new StorageAccount(
                DevelopmentAccountName,
                new Uri($"{proxy}:10000/{DevelopmentAccountName}"),
                new Uri($"{proxy}:10001/{DevelopmentAccountName}"),
                new Uri($"{proxy}:10002/{DevelopmentAccountName}"),
                DevelopmentAccountKey);
        }

        if (parts.ContainsKey("SharedAccessSignature"))
        {
            throw new StorageConfigurationException(settingName, "uses SharedAccessSignature, which is not supported: use an account key or an identity-based connection.");
        }

        if (!parts.TryGetValue("AccountName", out var accountName) || accountName.Length == 0)
        {
            throw new StorageConfigurationException(settingName, "has no AccountName.");
        }

        if (!parts.TryGetValue("AccountKey", out var accountKey) || accountKey.Length == 0)
        {
            throw new StorageConfigurationException(settingName, "has no AccountKey.");
        }

        try
        {
            _ = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            throw new StorageConfigurationException(settingName, "has an AccountKey that is not valid base64.");
        }

        var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto.ToLowerInvariant() : "https";
        if (protocol is not ("http" or "https"))
        {
            throw new StorageConfigurationException(settingName, "has a DefaultEndpointsProtocol other than http or https.");
        }

        var suffix = parts.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
        return new StorageAccount(
            accountName,
            Endpoint(parts, "BlobEndpoint", $"{protocol}://{accountName}.blob.{suffix}", settingName),
            Endpoint(parts, "QueueEndpoint", $"{protocol}://{accountName}.queue.{suffix}", settingName),
            Endpoint(parts, "TableEndpoint", $"{protocol}://{accountName}.table.{suffix}", settingName),
            accountKey);
    }

    private static Uri Endpoint(Dictionary<string, string> parts, string key, string fallback, string settingName)
    {
        var value = parts.TryGetValue(key, out var explicitValue) && explicitValue.Length > 0 ? explicitValue : fallback;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new StorageConfigurationException(settingName, $"has a {key} that is not an absolute http(s) URI.");
        }

        return uri;
    }
}
