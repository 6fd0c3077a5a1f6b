using Marketplace.Functions.Catalog;

namespace Marketplace.Functions.Sync;

/// <summary>The eBay-specific functions of the functions app.</summary>
internal static class EbayFunctionsExtensions
{
    /// <summary>Declares the marketplace account deletion endpoint (<c>GET</c> challenge and <c>POST</c> notifications, anonymous: eBay calls it).</summary>
    public static IServiceCollection AddEbayFunctions(this IServiceCollection services) =>
        services.AddFunction<EbayAccountDeletionFunction>(EbayAccountDeletionFunction.Name, new HttpTrigger(EbayAccountDeletionFunction.Route, ["get", "post"]));
}
