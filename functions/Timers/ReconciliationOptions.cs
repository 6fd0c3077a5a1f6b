using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Timers;

/// <summary>The reconciliation schedule (setting <c>Reconciliation__Schedule</c>, six-field NCRONTAB, default hourly).</summary>
internal sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";
    public const string ScheduleSetting = "Reconciliation__Schedule";
    public const string DefaultSchedule = "0 0 * * * *";

    public string Schedule { get; set; } = DefaultSchedule;
}

internal sealed class ReconciliationOptionsValidator : IValidateOptions<ReconciliationOptions>
{
    public ValidateOptionsResult Validate(string? name, ReconciliationOptions options) =>
        CronSchedule.TryParse(options.Schedule, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Setting '{ReconciliationOptions.ScheduleSetting}' is not a six-field NCRONTAB expression: {error}");
}
