namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// Thrown into orchestrator code when an activity or sub-orchestration it awaited failed (after all retries).
/// <see cref="FailureDetails"/> carries the original error type, message and stack trace.
/// </summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException()
        : this("A task failed.")
    {
    }

    public TaskFailedException(string message)
        : base(message)
    {
        TaskName = string.Empty;
        FailureDetails = new TaskFailureDetails(nameof(TaskFailedException), message, null);
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = string.Empty;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>Creates the exception for the task <paramref name="taskName"/> with id <paramref name="taskId"/>.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The activity or sub-orchestrator name.</summary>
    public string TaskName { get; }

    /// <summary>The task id of the failed call.</summary>
    public int TaskId { get; }

    /// <summary>The failure reported by the activity or sub-orchestration.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
