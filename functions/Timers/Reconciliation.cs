using Marketplace.Functions.Admin;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Timers;

/// <summary>Why and for when a reconciliation run was requested.</summary>
internal sealed record ReconciliationRequest(string Reason, DateTimeOffset ScheduledFor, bool IsPastDue);

/// <summary>
/// Starts a reconciliation run (the orchestration issue implements it with the engine). Called at least once per
/// timer occurrence; implementations should make a second start for the same occurrence harmless.
/// </summary>
internal interface IReconciliationStarter
{
    Task StartAsync(ReconciliationRequest request, CancellationToken cancellationToken);
}

/// <summary>Until the engine's reconciliation is wired in: records the request in the <see cref="TriggerEventLog"/>.</summary>
internal sealed partial class RecordingReconciliationStarter(TriggerEventLog events, ILogger<RecordingReconciliationStarter> logger) : IReconciliationStarter
{
    public Task StartAsync(ReconciliationRequest request, CancellationToken cancellationToken)
    {
        events.Record("reconciliation", $"{request.Reason} {request.ScheduledFor:O}{(request.IsPastDue ? " (past due)" : string.Empty)}");
        LogRequested(request.Reason, request.ScheduledFor, request.IsPastDue);
        return Task.CompletedTask;
    }

    [LoggerMessage(30, LogLevel.Information, "Reconciliation requested ({Reason}) for {ScheduledFor:O}, past due: {IsPastDue}")]
    private partial void LogRequested(string reason, DateTimeOffset scheduledFor, bool isPastDue);
}

/// <summary>
/// The hourly reconciliation timer (<c>%Reconciliation:Schedule%</c>). A past-due occurrence (the app was down, or the
/// host was late) still starts one run, flagged as past due; occurrences missed in between are not replayed one by one.
/// </summary>
internal sealed class ReconciliationTimerFunction(IReconciliationStarter reconciliation, TimeProvider time)
{
    public const string Name = "ReconciliationTimer";

    /// <summary>The configuration key of the schedule (app setting <c>Reconciliation__Schedule</c>).</summary>
    public const string ScheduleSetting = "Reconciliation:Schedule";

    public const string DefaultSchedule = "0 0 * * * *";

    [Function(Name)]
    public Task RunAsync([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        // While an occurrence runs, ScheduleStatus.Next is that occurrence (the host advances it afterwards).
        var scheduledFor = timer.ScheduleStatus is { } status && status.Next != default ? new DateTimeOffset(DateTime.SpecifyKind(status.Next, DateTimeKind.Utc)) : time.GetUtcNow();
        return reconciliation.StartAsync(new ReconciliationRequest("timer", scheduledFor, timer.IsPastDue), cancellationToken);
    }
}
