namespace Marketplace.Shared.Catalog.Outbox;

/// <summary>
/// A request to start an orchestration, written in the same entity group transaction as the mutation that
/// caused it (so it exists if and only if the mutation committed). <see cref="Id"/> is globally unique and is
/// the orchestration instance id, which makes dispatching idempotent. <see cref="InputJson"/> is the
/// orchestrator input (camelCase JSON).
/// </summary>
public sealed record OutboxEntry
{
    public required string Id { get; init; }

    public required string Sku { get; init; }

    /// <summary>The orchestrator to start (see <see cref="CatalogOrchestrators"/>).</summary>
    public required string Orchestrator { get; init; }

    public required string InputJson { get; init; }

    public required string CorrelationId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the orchestration was scheduled; null while pending.</summary>
    public DateTimeOffset? DispatchedAt { get; init; }
}

/// <summary>Names of the orchestrators the catalog asks for; the orchestrations project registers them under these names.</summary>
public static class CatalogOrchestrators
{
    /// <summary>Push a product's content (and price, stock) to its platforms. Input: <see cref="PushProductInput"/>.</summary>
    public const string PushProduct = "PushProductOrchestrator";

    /// <summary>Propagate a stock change to every platform but the source. Input: <see cref="PropagateStockInput"/>.</summary>
    public const string PropagateStock = "PropagateStockOrchestrator";
}

/// <summary>Input of <see cref="CatalogOrchestrators.PushProduct"/>: the version to push (to every platform the product is listed on or due on) and why.</summary>
public sealed record PushProductInput(string Sku, long Version, string Reason);

/// <summary>Input of <see cref="CatalogOrchestrators.PropagateStock"/>: the new quantity and the platform it came from (not pushed back to).</summary>
public sealed record PropagateStockInput(string Sku, int Quantity, Platform? Source, string EventId);

/// <summary>
/// Starts orchestrations for the outbox dispatcher. Implementations must be idempotent per instance id:
/// scheduling an id that already exists — pending, running <b>or finished</b> — returns that id without starting
/// another (an engine that replaces finished instances needs a status check first, or a crash between scheduling
/// and marking would run a finished entry twice). <c>inputJson</c> is already JSON: pass it as a JSON element,
/// not as a string to be serialized again.
/// </summary>
public interface IOrchestrationStarter
{
    /// <summary>Schedules <paramref name="orchestratorName"/> as <paramref name="instanceId"/> with <paramref name="inputJson"/>; returns the instance id.</summary>
    Task<string> ScheduleAsync(string orchestratorName, string instanceId, string inputJson, CancellationToken cancellationToken = default);
}
