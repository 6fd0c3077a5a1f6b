using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Operations.Images;

/// <summary>Starts image checks: one <see cref="ImageRemediationOrchestrator"/> per platform asked for (default: every configured one).</summary>
public sealed class ImageRemediationStarter(DurableTaskClient client, ListingImageClients clients, TimeProvider time)
{
    /// <summary>The platforms that can be checked.</summary>
    public IReadOnlyList<Platform> Platforms => clients.Platforms;

    /// <summary>Starts the runs; returns each platform's instance id.</summary>
    public async Task<IReadOnlyDictionary<Platform, string>> StartAsync(IReadOnlyList<Platform>? platforms, string? sku, bool dryRun, CancellationToken cancellationToken = default)
    {
        var started = new Dictionary<Platform, string>();
        var stamp = time.GetUtcNow().ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var platform in platforms is { Count: > 0 } ? platforms : clients.Platforms)
        {
            var id = $"images-{platform.ToWire()}-{(dryRun ? "dry" : "fix")}-{stamp}-{Guid.NewGuid().ToString("N")[..6]}";
            started[platform] = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ImageRemediationOrchestrator),
                new ImageRemediationInput(platform, sku, dryRun), new StartOrchestrationOptions(id), cancellationToken);
        }

        return started;
    }
}
