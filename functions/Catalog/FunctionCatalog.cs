namespace Marketplace.Functions.Catalog;

/// <summary>
/// Every function of the app, declared once in code (<see cref="FunctionCatalogExtensions"/>). The app folder's
/// <c>function.json</c> files, the custom-handler endpoints, the HTTP routes and the standalone trigger
/// sources are all derived from it.
/// </summary>
internal sealed class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDefinition> _byName;

    public FunctionCatalog(IEnumerable<FunctionDefinition> definitions)
    {
        _byName = new Dictionary<string, FunctionDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in definitions)
        {
            if (!_byName.TryAdd(definition.Name, definition))
            {
                throw new InvalidOperationException($"Function '{definition.Name}' is declared twice.");
            }
        }

        Functions = [.. _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
        var queues = Functions.Select(f => f.Trigger).OfType<QueueTrigger>().GroupBy(q => q.QueueName).FirstOrDefault(g => g.Count() > 1);
        if (queues is not null)
        {
            throw new InvalidOperationException($"Queue '{queues.Key}' has more than one function.");
        }
    }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public bool TryGet(string name, out FunctionDefinition definition) => _byName.TryGetValue(name, out definition!);

    public IEnumerable<(FunctionDefinition Definition, T Trigger)> OfTrigger<T>()
        where T : FunctionTrigger =>
        Functions.Where(f => f.Trigger is T).Select(f => (f, (T)f.Trigger));
}
