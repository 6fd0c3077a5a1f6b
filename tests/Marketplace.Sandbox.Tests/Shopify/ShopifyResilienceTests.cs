using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Shopify;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyResilienceTests(ShopifySandboxFixture fixture)
{
    [Fact]
    public async Task Upserts_UnderInjectedFaults_CreateEachProductExactlyOnce()
    {
        var faults = new ShopifySandboxFaults { TooManyRequestsRate = 0.1, ServerErrorRate = 0.1, LostResponseRate = 0.3, TimeoutRate = 0.03, TimeoutDelay = TimeSpan.FromSeconds(2.2), RetryAfterSeconds = 0 };
        var (client, shop) = fixture.NewShop(faults);
        var connector = new ShopifyConnector(client);

        for (var i = 0; i < 30; i++)
        {
            await connector.UpsertListingAsync(ShopifySandboxFixture.Draft(i) with { Quantity = 2 });
        }

        shop.ProductCount.ShouldBe(30);
        shop.ProductsCreated.ShouldBe(30);
        for (var i = 0; i < 30; i++)
        {
            shop.CountWithSku(ShopifySandboxFixture.Draft(i).Sku).ShouldBe(1);
            shop.AvailableFor(ShopifySandboxFixture.Draft(i).Sku).ShouldBe(2);
        }
    }

    [Fact]
    public async Task ServerErrors_BeyondTheRetryBudget_SurfaceAsTransientShopifyException()
    {
        var (client, _) = fixture.NewShop(new ShopifySandboxFaults { ServerErrorRate = 1 });

        var error = await Should.ThrowAsync<ShopifyException>(() => client.SetProductAsync(ShopifySandboxFixture.Draft(1)));

        error.IsTransient.ShouldBeTrue();
        ((int?)error.Status).ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(500);
    }

    [Fact]
    public async Task Logs_OfRetriedRequests_NeverContainTheAccessToken()
    {
        var (plain, _) = fixture.NewShop(new ShopifySandboxFaults { ServerErrorRate = 0.5, TooManyRequestsRate = 0.3, RetryAfterSeconds = 0 });
        var logger = new RecordingLogger();
        using var client = new ShopifyClient(plain.Options, pacer: new ShopifyCostPacer(), logger: logger);

        for (var i = 0; i < 5; i++)
        {
            await client.SetProductAsync(ShopifySandboxFixture.Draft(i));
        }

        logger.Lines.ShouldNotBeEmpty();
        logger.Lines.ShouldAllBe(line => !line.Contains(plain.Options.AccessToken));
        plain.Options.ToString().ShouldNotContain(plain.Options.AccessToken);
    }

    private sealed class RecordingLogger : ILogger<ShopifyClient>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception) + exception);
            }
        }
    }
}
