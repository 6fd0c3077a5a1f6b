using Marketplace.Shared.Storage.Tables;
using Marketplace.TestSupport;

namespace Marketplace.Shared.Tests.Storage.Tables;

internal static class TableTestContext
{
    public static async Task<TableClient> NewTableAsync(AzuriteFixture azurite, string prefix = "t")
    {
        var table = new TableServiceClient(azurite.Account).GetTableClient(AzuriteFixture.UniqueName(prefix));
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
