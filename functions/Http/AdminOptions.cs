using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Http;

/// <summary>Admin API keys (setting <c>Admin__Keys</c>: comma-separated, each at least 32 characters).</summary>
internal sealed class AdminOptions
{
    public const string Section = "Admin";
    public const string KeysSetting = "Admin__Keys";
    public const int MinimumKeyLength = 32;

    public string? Keys { get; set; }

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

        return keys.Any(k => k.Length < AdminOptions.MinimumKeyLength)
            ? ValidateOptionsResult.Fail($"Setting '{AdminOptions.KeysSetting}' has a key shorter than {AdminOptions.MinimumKeyLength} characters.")
            : ValidateOptionsResult.Success;
    }
}
