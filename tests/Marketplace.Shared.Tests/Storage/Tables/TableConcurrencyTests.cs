using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Tables;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Tables;

[Trait("Category", "Integration")]
public sealed class TableConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ConcurrentUpdates_WithTheSameETag_ExactlyOneWinsAndTheOtherFails412()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["Owner"] = "none" });
        using var start = new SemaphoreSlim(0, 2);

        var writers = new[] { "a", "b" }.Select(owner => Task.Run(async () =>
        {
            await start.WaitAsync();
            try
            {
                return (Owner: owner, ETag: (ETag?)await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Owner"] = owner }, etag, TableUpdateMode.Replace), Error: (RequestFailedException?)null);
            }
            catch (RequestFailedException ex)
            {
                return (Owner: owner, ETag: (ETag?)null, Error: ex);
            }
        })).ToArray();
        start.Release(2);
        var outcomes = await Task.WhenAll(writers);

        var winner = outcomes.Single(o => o.Error is null);
        var loser = outcomes.Single(o => o.Error is not null);
        loser.Error!.Status.ShouldBe(412);
        loser.Error.IsPreconditionFailed().ShouldBeTrue();
        var stored = await table.GetEntityAsync("p", "r");
        stored.GetString("Owner").ShouldBe(winner.Owner);
        stored.ETag.ShouldBe(winner.ETag!.Value);
    }

    [Fact]
    public async Task ConcurrentAdds_OfTheSameKey_ExactlyOneWinsAndTheOtherFails409()
    {
        var table = await TableTestContext.NewTableAsync(azurite);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            try
            {
                await table.AddEntityAsync(new TableEntity("p", "r") { ["Writer"] = i });
                return (RequestFailedException?)null;
            }
            catch (RequestFailedException ex)
            {
                return ex;
            }
        })));

        outcomes.Count(o => o is null).ShouldBe(1);
        outcomes.Single(o => o is not null)!.IsConcurrencyConflict().ShouldBeTrue();
    }
}
