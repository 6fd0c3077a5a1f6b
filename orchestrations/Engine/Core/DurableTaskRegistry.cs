namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// Orchestrators and activities by name. Register with <c>nameof</c> so that a rename is a compile error,
/// and call with the same <c>nameof</c>. Names are case-insensitive; registering a name twice throws.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<TaskOrchestrationContext, string?, DataConverter, Task<string?>>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<TaskActivityContext, string?, DataConverter, CancellationToken, Task<string?>>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput?, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        Add(_orchestrators, name, "orchestrator", async (context, input, converter) =>
            converter.Serialize(await orchestrator(context, converter.Deserialize<TInput>(input))));
        return this;
    }

    /// <summary>Registers an orchestrator that takes only the context.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TOutput>(string name, Func<TaskOrchestrationContext, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestratorFunc<object, TOutput>(name, (context, _) => orchestrator(context));
    }

    /// <summary>Registers an activity function; the token is cancelled when the worker stops.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput?, CancellationToken, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Add(_activities, name, "activity", async (context, input, converter, token) =>
            converter.Serialize(await activity(context, converter.Deserialize<TInput>(input), token)));
        return this;
    }

    /// <summary>Registers an activity function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput?, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivityFunc<TInput, TOutput>(name, (context, input, _) => activity(context, input));
    }

    /// <summary>Registers a synchronous activity function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput?, TOutput> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivityFunc<TInput, TOutput>(name, (context, input, _) => Task.FromResult(activity(context, input)));
    }

    /// <summary>The registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>The registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    internal bool TryGetOrchestrator(string name, out Func<TaskOrchestrationContext, string?, DataConverter, Task<string?>> orchestrator) =>
        _orchestrators.TryGetValue(name, out orchestrator!);

    internal bool TryGetActivity(string name, out Func<TaskActivityContext, string?, DataConverter, CancellationToken, Task<string?>> activity) =>
        _activities.TryGetValue(name, out activity!);

    private static void Add<T>(Dictionary<string, T> map, string name, string kind, T value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!map.TryAdd(name, value))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered.", nameof(name));
        }
    }
}
