using System.Security.Cryptography;
using System.Text;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>
/// Starts <see cref="SaleOrchestrator"/> for sale events from webhooks and from polled orders alike. The instance id is
/// derived from platform + order + line, and an id that already exists (running or finished) is not started again,
/// so redelivered webhooks and re-polled orders are no-ops.
/// </summary>
public sealed class SaleStarter(DurableTaskClient client)
{
    /// <summary><c>sale:{platform}:{order}:{line}</c>, characters the engine refuses replaced, hashed when too long.</summary>
    public static string InstanceIdFor(SaleEvent sale)
    {
        ArgumentNullException.ThrowIfNull(sale);
        return InstanceIdFor(sale.EventId);
    }

    /// <summary>The instance id for a sale's ledger event id (<c>{platform}:{order}:{line}</c>).</summary>
    public static string InstanceIdFor(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var id = "sale:" + new string(eventId.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c).ToArray());
        return id.Length <= 200 ? id : "sale:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));
    }

    /// <summary><c>return:{platform}:{order}:{line}:to{committed}</c>: the instance that brings a line's hold down to that level.</summary>
    public static string ReturnInstanceIdFor(SaleEvent sale)
    {
        ArgumentNullException.ThrowIfNull(sale);
        return ReturnInstanceIdFor($"{sale.EventId}:to{sale.CommittedQuantity}");
    }

    /// <summary>The return instance id for a ledger RETURN event id (<c>{platform}:{order}:{line}:to{committed}</c>).</summary>
    public static string ReturnInstanceIdFor(string returnEventId) => "return:" + InstanceIdFor(returnEventId)["sale:".Length..];

    /// <summary>
    /// Schedules the line's sale orchestration unless it exists and, when the order now holds fewer units than ordered
    /// (cancelled, voided, restocked), the <see cref="ReturnOrchestrator"/> for that level unless it exists; true when this
    /// call started either. Both apply the line through the ledger, which takes or gives back stock once whichever runs first.
    /// </summary>
    public async Task<bool> StartAsync(SaleEvent sale, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var started = await StartOrRestartAsync(nameof(SaleOrchestrator), sale, InstanceIdFor(sale), cancellationToken);
        if (sale.CommittedQuantity < sale.Quantity)
        {
            // Always, not only when the sale instance existed: two deliveries starting the sale instance at once cannot
            // tell which input won, and the return instance applies the lower level whichever did.
            started |= await StartOrRestartAsync(nameof(ReturnOrchestrator), sale, ReturnInstanceIdFor(sale), cancellationToken);
        }

        return started;
    }

    // A line whose workflow failed for good (all its retry rounds) is not done: a redelivery or poll runs it again.
    private async Task<bool> StartOrRestartAsync(string orchestrator, SaleEvent sale, string instanceId, CancellationToken cancellationToken)
    {
        if (await client.StartOnceAsync(orchestrator, sale, instanceId, cancellationToken))
        {
            return true;
        }

        var existing = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (existing?.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return false;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, sale, new StartOrchestrationOptions(instanceId), cancellationToken);
        return true;
    }

    /// <summary>Feeds the orders a platform reports since <paramref name="since"/> into the same path; returns how many were new.</summary>
    public async Task<int> StartPolledAsync(IMarketplaceConnector connector, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var started = 0;
        await foreach (var sale in connector.GetSalesSinceAsync(since, cancellationToken))
        {
            started += await StartAsync(sale, cancellationToken) ? 1 : 0;
        }

        return started;
    }
}
