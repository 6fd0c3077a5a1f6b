namespace Marketplace.Shared.Catalog;

/// <summary>Who makes a change (an operator, <c>system</c>, <c>import</c>, a platform sync) and the correlation id that ties its records together.</summary>
public sealed record CatalogActor(string Name, string CorrelationId)
{
    /// <summary>An actor with a new correlation id.</summary>
    public static CatalogActor Create(string name, string? correlationId = null) =>
        new(string.IsNullOrWhiteSpace(name) ? "unknown" : name, string.IsNullOrWhiteSpace(correlationId) ? Guid.NewGuid().ToString("N") : correlationId);

    /// <summary>The system itself.</summary>
    public static CatalogActor System => Create("system");
}
