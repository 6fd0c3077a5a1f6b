using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyPacerTests(ShopifySandboxFixture fixture)
{
    [Fact]
    public async Task SteadyState_WithConcurrentWriters_IsNeverThrottled()
    {
        // A small, fast plan: the bucket (60 points) holds six mutations; 90 mutations need ~4 s of restore.
        var (client, shop) = fixture.NewShop(bucket: 60, restore: 200);

        await Parallel.ForEachAsync(Enumerable.Range(0, 90), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
            await client.SetProductAsync(ShopifySandboxFixture.Draft(i), cancellationToken: ct));

        shop.ProductCount.ShouldBe(90);
        shop.ThrottledCount.ShouldBe(0);
        client.Pacer.ThrottledCount.ShouldBe(0);
        client.Pacer.TimeWaited.ShouldBeGreaterThan(TimeSpan.Zero);
        client.Pacer.Status.MaximumAvailable.ShouldBe(60);
    }

    [Fact]
    public async Task WithoutPacing_TheSameLoadIsThrottled()
    {
        var (paced, shop) = fixture.NewShop(bucket: 60, restore: 200);
        // Each request gets a fresh pacer that believes the bucket is huge and calls are free, so nothing ever waits
        // before sending: 400 points arrive at a 60-point bucket and the server must throttle.
        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var client = new ShopifyClient(paced.Options, pacer: new ShopifyCostPacer(assumedMaximum: 1e9, assumedRestoreRate: 1e9) { UnknownOperationCost = 0 });
            try
            {
                await client.ExecuteAsync("productSet", "mutation productSet($input: ProductSetInput!, $identifier: ProductSetIdentifiers) { productSet(input: $input, identifier: $identifier) { product { id } userErrors { field message } } }", w => ShopifyProductMapper.WriteProductSetVariables(w, ShopifySandboxFixture.Draft(i)), ct);
            }
            catch (ShopifyThrottledException)
            {
                // Retries used up: what unpaced load gets.
            }
        });

        shop.ThrottledCount.ShouldBeGreaterThan(0);
    }
}
