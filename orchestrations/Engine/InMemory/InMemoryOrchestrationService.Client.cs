using System.Globalization;

namespace Marketplace.Orchestrations.Engine;

/// <content>The client side.</content>
public sealed partial class InMemoryOrchestrationService
{
    public Task<OrchestrationState> CreateInstanceAsync(TaskMessage startMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startMessage);
        OrchestrationState state;
        lock (_gate)
        {
            if (_instances.TryGetValue(startMessage.InstanceId, out var existing) && existing.State is { } current)
            {
                if (!current.Status.IsTerminal())
                {
                    return Task.FromResult(current);
                }

                _instances.Remove(startMessage.InstanceId);
                existing = null;
            }

            if (existing is null)
            {
                _instances[startMessage.InstanceId] = existing = new Instance();
            }

            var started = startMessage.Event;
            existing.State = state = new OrchestrationState
            {
                InstanceId = startMessage.InstanceId,
                Name = started.Name ?? string.Empty,
                ExecutionId = started.ExecutionId,
                Status = OrchestrationRuntimeStatus.Pending,
                Input = started.Input,
                CreatedAt = started.Timestamp,
                LastUpdatedAt = started.Timestamp,
            };
        }

        Enqueue(startMessage);
        return Task.FromResult(state);
    }

    public Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Enqueue(message);
        return Task.CompletedTask;
    }

    public Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var instance) ? instance.State : null);
        }
    }

    public Task<OrchestrationQueryPage> QueryStatesAsync(OrchestrationQuery query, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var offset = continuationToken is null ? 0 : int.Parse(continuationToken, CultureInfo.InvariantCulture);
        List<OrchestrationState> matches;
        lock (_gate)
        {
            matches = [.. _instances.Values.Select(i => i.State).OfType<OrchestrationState>().Where(query.Matches)
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.InstanceId, StringComparer.Ordinal)];
        }

        var page = matches.Skip(offset).Take(query.PageSize).ToList();
        var next = offset + page.Count < matches.Count ? Token(offset + page.Count) : null;
        return Task.FromResult(new OrchestrationQueryPage(page, next));
    }

    public Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var instance) || instance.State is null)
            {
                return Task.FromResult(0);
            }

            if (!instance.State.Status.IsTerminal())
            {
                throw new InvalidOperationException($"Instance '{instanceId}' is {instance.State.Status}; terminate it (or wait for it to finish) before purging.");
            }

            _instances.Remove(instanceId);
            return Task.FromResult(1);
        }
    }
}
