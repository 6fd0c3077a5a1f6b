using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

[Trait("Category", "Integration")]
public sealed class EbayNotificationTests : EbaySandboxTestBase
{
    private static readonly JsonObject Vectors = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Marketplace.Sandbox.Tests", "Ebay", "Fixtures", "ebay_event_notification_sdk_test.json")))!;

    [Fact]
    public void ChallengeResponse_IsHexSha256OfCodeTokenAndEndpoint()
    {
        var response = EbayNotificationHandler.ComputeChallengeResponse("a8628072-3d33-45ee-9004-bee86830a22d", "71745723-d031-455c-bfa5-f90d11b4f20a", "https://shop.example/ebay/account-deletion");

        response.ShouldBe("5b24ab79c8ff037d7306b8811b438bcc3304078b47c90032d9035d53927ad27a");
    }

    [Fact]
    public void AnswerChallenge_ReturnsChallengeResponseJson()
    {
        var handler = Handler(CreateClient());

        var json = JsonNode.Parse(handler.AnswerChallenge("code-1"))!;

        json["challengeResponse"]!.GetValue<string>().ShouldBe(EbayNotificationHandler.ComputeChallengeResponse("code-1", "a-verification-token-of-at-least-32-characters", "https://shop.example/ebay/account-deletion"));
    }

    [Theory]
    [InlineData("VALID", true)]
    [InlineData("INVALID", false)]
    [InlineData("SIGNATURE_MISMATCH", false)]
    public async Task SdkVectors_VerifyOnlyTheValidCase(string name, bool expected)
    {
        var vector = Vectors[name]!;
        var response = vector["response"]!;
        var kid = JsonNode.Parse(Convert.FromBase64String(vector["signature"]!.GetValue<string>()))!["kid"]!.GetValue<string>();
        Sandbox.RegisterPublicKey(kid, response["key"]!.GetValue<string>(), response["algorithm"]!.GetValue<string>(), response["digest"]!.GetValue<string>());
        var verifier = new EbayNotificationVerifier(CreateClient());

        var verified = await verifier.VerifyAsync(Encoding.UTF8.GetBytes(vector["message"]!.ToJsonString()), vector["signature"]!.GetValue<string>());

        verified.ShouldBe(expected);
    }

    [Fact]
    public async Task SdkVector_WhenThePublicKeyCannotBeFetched_DoesNotVerify()
    {
        var vector = Vectors["ERROR"]!;

        var verified = await new EbayNotificationVerifier(CreateClient()).VerifyAsync(Encoding.UTF8.GetBytes(vector["message"]!.ToJsonString()), vector["signature"]!.GetValue<string>());

        verified.ShouldBeFalse();
    }

    [Fact]
    public async Task AccountDeletion_SignedBySandbox_IsAcknowledgedWithTheUserId()
    {
        var (body, signature) = Sandbox.CreateNotification(EbayNotificationHandler.AccountDeletionTopic, new JsonObject { ["username"] = "test_user", ["userId"] = "ma8vp1jySJC" });

        var result = await Handler(CreateClient()).HandleAsync(body, signature);

        result.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        result.DeletedUserId.ShouldBe("ma8vp1jySJC");
    }

    [Fact]
    public async Task NotificationAndPolling_ProduceExactlyOneSaleEventPerOrderLine()
    {
        var client = CreateClient();
        var connector = new EbayConnector(client);
        await connector.UpsertListingAsync(Draft("S-1", quantity: 2));
        await connector.UpsertListingAsync(Draft("S-2"));
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var order = Sandbox.CreateOrder([("S-1", 2, 500m), ("S-2", 1, 800m)]);
        var orderId = order["orderId"]!.GetValue<string>();
        var (body, signature) = Sandbox.CreateOrderConfirmation(orderId);
        var handler = Handler(client);

        var pushed = await handler.HandleAsync(body, signature);
        var redelivered = await handler.HandleAsync(body, signature);
        var polled = await connector.GetSalesSinceAsync(since).ToListAsync();

        pushed.Accepted.ShouldBeTrue();
        var ledger = pushed.Sales.Concat(redelivered.Sales).Concat(polled).DistinctBy(e => e.EventId).ToList();
        ledger.Count.ShouldBe(2);
        polled.Select(e => e.EventId).Order().ShouldBe(pushed.Sales.Select(e => e.EventId).Order());
        var line = order["lineItems"]![0]!;
        var sale = ledger.Single(e => e.Sku == "S-1");
        sale.EventId.ShouldBe($"ebay:{orderId}:{line["lineItemId"]!.GetValue<string>()}");
        sale.Quantity.ShouldBe(2);
        sale.UnitPrice.ShouldBe(500m);
    }

    [Fact]
    public async Task UnsignedOrForgedNotifications_AreRejectedAndProduceNothing()
    {
        var client = CreateClient();
        await new EbayConnector(client).UpsertListingAsync(Draft("F-1"));
        var orderId = Sandbox.CreateOrder([("F-1", 1, 100m)])["orderId"]!.GetValue<string>();
        var (body, signature) = Sandbox.CreateOrderConfirmation(orderId);
        var forgedBody = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(orderId, "99-99999-99999", StringComparison.Ordinal));
        var unknownKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"alg\":\"ecdsa\",\"kid\":\"not-a-key\",\"signature\":\"MEYCIQ==\",\"digest\":\"SHA1\"}"));
        var handler = Handler(client);

        EbayNotificationResult[] results =
        [
            await handler.HandleAsync(body, null),
            await handler.HandleAsync(body, "not base64 at all"),
            await handler.HandleAsync(forgedBody, signature),
            await handler.HandleAsync(body, unknownKey),
        ];

        results.ShouldAllBe(r => r.StatusCode == HttpStatusCode.PreconditionFailed && r.Sales.Count == 0);
    }

    private static EbayNotificationHandler Handler(EbayClient client) => new(client, new EbayNotificationVerifier(client));
}
