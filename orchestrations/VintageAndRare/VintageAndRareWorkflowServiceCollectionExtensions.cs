using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.VintageAndRare;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Orchestrations.VintageAndRare;

/// <summary>Registration of what the Vintage &amp; Rare workflow adds to the sync workflows.</summary>
public static class VintageAndRareWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="VintageAndRareWorkflowOptions"/> bound from <c>VintageAndRare:Workflow</c> (read by
    /// <see cref="VintageAndRareListingOrchestrator"/>) and the <see cref="VintageAndRareFeedReconciler"/> reconciliation uses.
    /// Needs <c>AddVintageAndRare</c> (the feed) and the catalog's <see cref="ListingStore"/>.
    /// </summary>
    public static IServiceCollection AddVintageAndRareWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new VintageAndRareWorkflowOptions();
        configuration.GetSection(VintageAndRareWorkflowOptions.SectionName).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new VintageAndRareFeedReconciler(sp.GetRequiredService<VintageAndRareInventoryFeed>(), sp.GetRequiredService<ListingStore>()));
        return services;
    }
}
