namespace Marketplace.Shared.Storage;

/// <summary>
/// A storage setting is missing or invalid. <see cref="SettingName"/> names the setting
/// (for example <c>AzureWebJobsStorage</c> or <c>AzureWebJobsStorage__blobServiceUri</c>)
/// so that the operator knows what to fix; the message never contains the setting's value.
/// </summary>
public sealed class StorageConfigurationException : Exception
{
    public StorageConfigurationException(string settingName, string problem)
        : base($"Storage setting '{settingName}' {problem}")
    {
        SettingName = settingName;
    }

    /// <summary>The configuration key at fault.</summary>
    public string SettingName { get; }
}
