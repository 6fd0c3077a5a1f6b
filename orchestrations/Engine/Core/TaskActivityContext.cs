namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// What an activity receives besides its input. Activities run at least once (a crash after the work but
/// before the result is saved runs them again), so side effects must be idempotent: key them by
/// <see cref="IdempotencyKey"/>, which is the same for every execution of the same call.
/// </summary>
public sealed class TaskActivityContext
{
    internal TaskActivityContext(string name, string instanceId, int taskId)
    {
        Name = name;
        InstanceId = instanceId;
        TaskId = taskId;
    }

    /// <summary>The activity name.</summary>
    public string Name { get; }

    /// <summary>The orchestration instance that called the activity.</summary>
    public string InstanceId { get; }

    /// <summary>The task id of the call within that orchestration.</summary>
    public int TaskId { get; }

    /// <summary><c>{InstanceId}:{TaskId}</c>: stable across retries of delivery (not across retry-policy attempts, which are new tasks).</summary>
    public string IdempotencyKey => InstanceId + ":" + TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
