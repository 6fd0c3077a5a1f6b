namespace Marketplace.Orchestrations.Engine;

/// <content>Activities, sub-orchestrations and retries.</content>
internal sealed partial class OrchestrationContext
{
    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var serialized = _converter.Serialize(input);
        return options?.Retry is { } retry
            ? RetryAsync(() => ScheduleActivityAsync<TResult>(name, serialized), retry.Policy)
            : ScheduleActivityAsync<TResult>(name, serialized);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var serialized = _converter.Serialize(input);
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        return options?.Retry is { } retry
            ? RetryAsync(() => ScheduleSubOrchestrationAsync<TResult>(name, serialized, instanceId), retry.Policy)
            : ScheduleSubOrchestrationAsync<TResult>(name, serialized, instanceId);
    }

    private async Task<TResult> ScheduleActivityAsync<TResult>(string name, string? input)
    {
        var id = NextSequence();
        AddAction(new OrchestratorAction { Type = OrchestratorActionType.ScheduleTask, Id = id, Name = name, Input = input });
        var result = await OpenTask(id, name);
        return _converter.Deserialize<TResult>(result)!;
    }

    private async Task<TResult> ScheduleSubOrchestrationAsync<TResult>(string name, string? input, string? instanceId)
    {
        var id = NextSequence();
        AddAction(new OrchestratorAction
        {
            Type = OrchestratorActionType.CreateSubOrchestration,
            Id = id,
            Name = name,
            Input = input,
            InstanceId = instanceId ?? $"{InstanceId}:{id:X4}",
        });
        var result = await OpenTask(id, name);
        return _converter.Deserialize<TResult>(result)!;
    }

    private Task<string?> OpenTask(int id, string name)
    {
        var completion = new TaskCompletionSource<string?>();
        _openTasks.Add(id, e =>
        {
            if (e.Type is EventType.TaskFailed or EventType.SubOrchestrationInstanceFailed)
            {
                completion.TrySetException(new TaskFailedException(name, id, e.FailureDetails ?? new TaskFailureDetails("Unknown", "No failure details were recorded.", null)));
            }
            else
            {
                completion.TrySetResult(e.Result);
            }
        });
        return completion.Task;
    }

    private async Task<TResult> RetryAsync<TResult>(Func<Task<TResult>> attemptAsync, RetryPolicy policy)
    {
        var firstAttempt = CurrentTime;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await attemptAsync();
            }
            catch (TaskFailedException failure) when (ShouldRetry(policy, attempt, firstAttempt, failure))
            {
                await CreateTimer(CurrentTime + policy.GetDelay(attempt), CancellationToken.None);
            }
        }
    }

    private bool ShouldRetry(RetryPolicy policy, int attempt, DateTime firstAttempt, TaskFailedException failure) =>
        attempt < policy.MaxNumberOfAttempts
        && (policy.RetryTimeout == Timeout.InfiniteTimeSpan || CurrentTime - firstAttempt < policy.RetryTimeout)
        && policy.HandleFailure(failure.FailureDetails);
}
