using Cronos;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Timers;

/// <summary>
/// The reconciliation schedule (setting <c>Reconciliation__Schedule</c>, six-field NCRONTAB with seconds, default
/// hourly), bound by the timer trigger's <c>%Reconciliation:Schedule%</c> and checked at start-up.
/// </summary>
internal sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";
    public const string ScheduleSetting = "Reconciliation__Schedule";

    public string Schedule { get; set; } = ReconciliationTimerFunction.DefaultSchedule;
}

internal sealed class ReconciliationOptionsValidator : IValidateOptions<ReconciliationOptions>
{
    public ValidateOptionsResult Validate(string? name, ReconciliationOptions options)
    {
        try
        {
            CronExpression.Parse(options.Schedule, CronFormat.IncludeSeconds);
            return ValidateOptionsResult.Success;
        }
        catch (CronFormatException ex)
        {
            return ValidateOptionsResult.Fail($"Setting '{ReconciliationOptions.ScheduleSetting}' is not a six-field NCRONTAB expression: {ex.Message}");
        }
    }
}
