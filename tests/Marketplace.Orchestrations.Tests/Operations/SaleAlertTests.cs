using MailKit.Security;
using Marketplace.Orchestrations.Operations.Alerts;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Operations.Alerts;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Operations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Operations;

/// <summary>Sale alert e-mails from the sale workflow on Azurite and the sandboxes, sent over SMTP to a real server on loopback.</summary>
[Trait("Category", "Integration")]
public sealed class SaleAlertTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Sale_MailsTheOrderDetailsOnce_EvenWhenTheSaleEventArrivesTwice()
    {
        await using var smtp = SmtpSink.Start();
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account, services => services.AddSingleton(new SaleAlertOptions
        {
            Recipients = ["shop@example.test", "owner@example.test"], From = "alerts@example.test", SmtpHost = "127.0.0.1", SmtpPort = smtp.Port,
            Security = SecureSocketOptions.None,
        }));
        var sku = "ALR-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, sku, images: 1);
        var sale = new SaleEvent("reverb", "R-" + sku, "1", sku, 1, 4999.50m, "EUR", DateTimeOffset.UtcNow);
        var client = env.Services.GetRequiredService<DurableTaskClient>();

        await SellAsync(env, client, sale);
        await client.PurgeInstanceAsync(SaleStarter.InstanceIdFor(sale));
        await SellAsync(env, client, sale);
        var alert = await client.WaitForInstanceCompletionAsync(QueueSaleAlertActivity.InstanceIdFor(sale.EventId), getInputsAndOutputs: true);

        alert.ReadOutputAs<bool>().ShouldBeTrue();
        var message = (await smtp.WaitForAsync(1)).ShouldHaveSingleItem();
        message.To.Mailboxes.Select(m => m.Address).ShouldBe(["shop@example.test", "owner@example.test"]);
        message.Subject.ShouldBe($"Sold {sku} on reverb: order R-{sku}");
        var body = message.TextBody.ShouldNotBeNull();
        body.ShouldContain($"Gibson ES-335 {sku}");
        body.ShouldContain("Unit price: 4999.50 EUR");
        body.ShouldContain("Left in stock: 0");
    }

    private static async Task SellAsync(OperationsEnvironment env, DurableTaskClient client, SaleEvent sale)
    {
        (await env.Services.GetRequiredService<SaleStarter>().StartAsync(sale)).ShouldBeTrue();
        var done = await client.WaitForInstanceCompletionAsync(SaleStarter.InstanceIdFor(sale), getInputsAndOutputs: true);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
    }
}
