using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Outbox;

namespace Marketplace.Shared.Catalog;

/// <summary>Factories for the audit and outbox rows every mutation writes.</summary>
internal static class CatalogRecords
{
    public static AuditRecord Audit(TimeProvider time, string sku, CatalogActor actor, string action, AuditOutcome outcome = AuditOutcome.Success,
        Platform? platform = null, string? detail = null) => new()
    {
        Id = CatalogKeys.NewId(time),
        Sku = sku,
        At = time.GetUtcNow(),
        Actor = actor.Name,
        Action = action,
        Platform = platform,
        Outcome = outcome,
        CorrelationId = actor.CorrelationId,
        Detail = detail,
    };

    public static OutboxEntry Outbox<TInput>(TimeProvider time, string sku, string orchestrator, TInput input, CatalogActor actor) => new()
    {
        Id = "catalog-" + CatalogKeys.NewId(time),
        Sku = sku,
        Orchestrator = orchestrator,
        InputJson = CatalogJson.Serialize(input),
        CorrelationId = actor.CorrelationId,
        CreatedAt = time.GetUtcNow(),
    };

    public static OutboxEntry PushProduct(TimeProvider time, string sku, long version, string reason, CatalogActor actor) =>
        Outbox(time, sku, CatalogOrchestrators.PushProduct, new PushProductInput(sku, version, reason), actor);
}
