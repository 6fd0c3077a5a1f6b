using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Hosting;

/// <summary>
/// One <c>[Function]</c> method: its name, its class, and its trigger attribute with the parameter it binds
/// (<see cref="HttpTriggerAttribute"/>, <see cref="TimerTriggerAttribute"/>, <see cref="QueueTriggerAttribute"/> or
/// <see cref="BlobTriggerAttribute"/>).
/// </summary>
internal sealed record FunctionEntry(string Name, MethodInfo Method, Attribute Trigger, ParameterInfo TriggerParameter);

/// <summary>Classes whose <c>[Function]</c> methods join the app's functions (tests add their own this way).</summary>
internal sealed record FunctionClasses(IReadOnlyList<Type> Types);

/// <summary>
/// Every function of the app, read by reflection from the same <c>[Function]</c> attributes the Worker SDK turns into
/// functions.metadata for the Functions host: the standalone host serves exactly these, so a function cannot exist
/// in one host and not in the other.
/// </summary>
internal sealed class FunctionIndex
{
    private readonly Dictionary<string, FunctionEntry> _byName = new(StringComparer.OrdinalIgnoreCase);

    public FunctionIndex(IEnumerable<FunctionClasses> extra)
    {
        var types = typeof(FunctionIndex).Assembly.GetTypes().Concat(extra.SelectMany(e => e.Types)).Distinct();
        foreach (var entry in Discover(types))
        {
            if (!_byName.TryAdd(entry.Name, entry))
            {
                throw new InvalidOperationException($"Function '{entry.Name}' is declared twice.");
            }
        }

        Functions = [.. _byName.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<FunctionEntry> Functions { get; }

    public bool TryGet(string name, out FunctionEntry entry) => _byName.TryGetValue(name, out entry!);

    public IEnumerable<(FunctionEntry Function, T Trigger)> OfTrigger<T>()
        where T : Attribute =>
        Functions.Where(f => f.Trigger is T).Select(f => (f, (T)f.Trigger));

    /// <summary>The <c>[Function]</c> methods of <paramref name="types"/> with their trigger.</summary>
    public static IEnumerable<FunctionEntry> Discover(IEnumerable<Type> types) =>
        from type in types
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null && !IsDurable(method)
        select Describe(function.Name, method);

    /// <summary>
    /// Orchestration and activity triggers: under the Functions host the Durable extension calls them; standalone the
    /// Durable Task Framework runs the same orchestrator and activity classes itself, so they are not served here.
    /// </summary>
    public static bool IsDurable(MethodInfo method) =>
        method.GetParameters().Any(p => p.GetCustomAttributes().Any(a => a is OrchestrationTriggerAttribute or ActivityTriggerAttribute));

    private static FunctionEntry Describe(string name, MethodInfo method)
    {
        var triggers = (from parameter in method.GetParameters()
                        from attribute in parameter.GetCustomAttributes()
                        where attribute is HttpTriggerAttribute or TimerTriggerAttribute or QueueTriggerAttribute or BlobTriggerAttribute
                        select (parameter, attribute)).ToList();
        return triggers.Count == 1
            ? new FunctionEntry(name, method, triggers[0].attribute, triggers[0].parameter)
            : throw new InvalidOperationException($"Function '{name}' ({method.DeclaringType?.Name}.{method.Name}) must have exactly one HTTP, timer, queue or blob trigger.");
    }
}
