using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Standalone;

/// <summary>
/// Settings of the built-in trigger sources (section <c>Standalone</c>, e.g. <c>Standalone__Queues__BatchSize</c>).
/// Defaults follow the Functions host where it has one.
/// </summary>
internal sealed class StandaloneOptions
{
    public const string Section = "Standalone";

    /// <summary>Container for timer status, singleton locks and blob receipts.</summary>
    public string StateContainer { get; set; } = "azure-webjobs-hosts";

    /// <summary>Set false to serve HTTP only (no timers, queue listeners or blob watchers).</summary>
    public bool TriggersEnabled { get; set; } = true;

    public QueueSourceOptions Queues { get; set; } = new();

    public TimerSourceOptions Timers { get; set; } = new();

    public BlobSourceOptions Blobs { get; set; } = new();

    /// <summary>How long shutdown waits for in-flight invocations before abandoning them (messages made visible again).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}

internal sealed class QueueSourceOptions
{
    /// <summary>Messages per receive (1-32; host default 16).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Concurrent receive loops per queue (1-8): more hide the receive round trip on a slow storage emulator.</summary>
    public int Receivers { get; set; } = 2;

    /// <summary>Dequeues before a failing message moves to <c>&lt;queue&gt;-poison</c> (host default 5).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a received message stays invisible; renewed at half of it while its handler runs.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Delay before a failed message is visible again (host default 0).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Longest wait between polls of an empty queue (polling backs off exponentially up to it).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}

internal sealed class TimerSourceOptions
{
    /// <summary>An occurrence that fires later than this after its scheduled time is reported as past due.</summary>
    public TimeSpan PastDueTolerance { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an instance that did not get the singleton lease checks whether the holder fired.</summary>
    public TimeSpan ContendedPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

internal sealed class BlobSourceOptions
{
    /// <summary>How often each watched container is listed.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed attempts per blob version before it is reported to <c>webjobs-blobtrigger-poison</c> (host default 5).</summary>
    public int MaxAttempts { get; set; } = 5;
}

internal sealed class StandaloneOptionsValidator : IValidateOptions<StandaloneOptions>
{
    public ValidateOptionsResult Validate(string? name, StandaloneOptions o)
    {
        var errors = new List<string>();
        if (o.Queues.BatchSize is < 1 or > 32)
        {
            errors.Add("Setting 'Standalone__Queues__BatchSize' must be 1 to 32.");
        }

        if (o.Queues.Receivers is < 1 or > 8)
        {
            errors.Add("Setting 'Standalone__Queues__Receivers' must be 1 to 8.");
        }

        if (o.Queues.MaxDequeueCount < 1)
        {
            errors.Add("Setting 'Standalone__Queues__MaxDequeueCount' must be at least 1.");
        }

        if (o.Queues.VisibilityTimeout < TimeSpan.FromSeconds(2) || o.Queues.VisibilityTimeout > TimeSpan.FromDays(7))
        {
            errors.Add("Setting 'Standalone__Queues__VisibilityTimeout' must be 2 seconds to 7 days.");
        }

        if (o.Queues.MaxPollingInterval <= TimeSpan.Zero || o.Blobs.PollingInterval <= TimeSpan.Zero)
        {
            errors.Add("Settings 'Standalone__Queues__MaxPollingInterval' and 'Standalone__Blobs__PollingInterval' must be positive.");
        }

        if (string.IsNullOrWhiteSpace(o.StateContainer))
        {
            errors.Add("Setting 'Standalone__StateContainer' must name a blob container.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
