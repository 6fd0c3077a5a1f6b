using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Http;

/// <summary>Admin API keys (setting <c>Admin__Keys</c>: comma-separated, each at least 32 characters) and request size limits.</summary>
internal sealed class AdminOptions
{
    public const string Section = "Admin";
    public const string KeysSetting = "Admin__Keys";
    public const int MinimumKeyLength = 32;

    public string? Keys { get; set; }

    /// <summary>The largest body an admin route reads (<c>Admin__MaxRequestBytes</c>, default 1 MiB); more is 413.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest catalog CSV upload (<c>Admin__MaxCsvUploadBytes</c>, default 32 MiB); more is 413.</summary>
    public long MaxCsvUploadBytes { get; set; } = 32 * 1024 * 1024;

    public IReadOnlyList<string> KeyList =>
        (Keys ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var keys = options.KeyList;
        if (keys.Count == 0)
        {
            return ValidateOptionsResult.Fail($"Setting '{AdminOptions.KeysSetting}' is missing: set one or more admin keys (comma-separated) for the admin API.");
        }

        if (options.MaxRequestBytes <= 0 || options.MaxCsvUploadBytes <= 0)
        {
            return ValidateOptionsResult.Fail("Settings 'Admin__MaxRequestBytes' and 'Admin__MaxCsvUploadBytes' must be positive byte counts.");
        }

        return keys.Any(k => k.Length < AdminOptions.MinimumKeyLength)
            ? ValidateOptionsResult.Fail($"Setting '{AdminOptions.KeysSetting}' has a key shorter than {AdminOptions.MinimumKeyLength} characters.")
            : ValidateOptionsResult.Success;
    }
}
