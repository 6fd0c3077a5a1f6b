extern alias sandbox;

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Functions.Sync;
using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using sandbox::Marketplace.Sandbox.Ebay;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>
/// eBay's marketplace account deletion endpoint in the running app (standalone, Azurite): the documented GET challenge,
/// notifications signed by the eBay sandbox's key (published through its <c>getPublicKey</c>), and unsigned or forged ones.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EbayAccountDeletionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Path = "/api/webhooks/ebay/account-deletion";
    private const string Token = "a-verification-token-of-at-least-32-characters";
    private const string Endpoint = "https://shop.example/api/webhooks/ebay/account-deletion";

    private EbayReverbSandboxServer _sandbox = null!;
    private FunctionsAppFactory _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await EbayReverbSandboxServer.StartAsync();
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false);
        settings["Webhooks:Queue"] = AzuriteFixture.UniqueName("hooks");
        settings["Ebay:ClientId"] = _sandbox.Ebay.Options.ClientId;
        settings["Ebay:ClientSecret"] = _sandbox.Ebay.Options.ClientSecret;
        settings["Ebay:RefreshToken"] = _sandbox.Ebay.Options.RefreshToken;
        settings["Ebay:ApiBaseUrl"] = _sandbox.BaseUrl.ToString();
        settings["Ebay:IdentityBaseUrl"] = _sandbox.BaseUrl.ToString();
        settings["Ebay:AccountDeletionVerificationToken"] = Token;
        settings["Ebay:AccountDeletionEndpoint"] = Endpoint;
        _app = new FunctionsAppFactory(settings);
        _http = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Get_WithChallengeCode_AnswersHexSha256OfCodeTokenAndEndpoint_AsJson()
    {
        const string code = "a8628072-3d33-45ee-9004-bee86830a22d";

        using var response = await _http.GetAsync($"{Path}?challenge_code={code}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code + Token + Endpoint)));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Count.ShouldBe(1);
        body["challengeResponse"]!.GetValue<string>().ShouldBe(expected);
    }

    [Fact]
    public async Task Get_WithoutChallengeCode_Answers400()
    {
        using var response = await _http.GetAsync(Path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_SignedAccountDeletion_IsAcknowledgedAndRecordedInTheAuditTrail()
    {
        var userId = "user-" + Guid.NewGuid().ToString("N")[..10];
        var (body, signature) = _sandbox.Ebay.CreateNotification("MARKETPLACE_ACCOUNT_DELETION", new JsonObject { ["username"] = "test_user", ["userId"] = userId, ["eiasToken"] = "nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6w" });

        using var response = await PostAsync(body, signature);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var records = await RecordsForAsync(userId);
        records.Count.ShouldBe(1);
        records[0].Platform.ShouldBe(Platform.Ebay);
        records[0].Outcome.ShouldBe(AuditOutcome.Success);
        records[0].Detail.ShouldNotBeNull().ShouldContain(NotificationId(body));
    }

    [Fact]
    public async Task Post_UnsignedOrForged_Answers412AndRecordsNothing()
    {
        var userId = "user-" + Guid.NewGuid().ToString("N")[..10];
        var (body, signature) = _sandbox.Ebay.CreateNotification("MARKETPLACE_ACCOUNT_DELETION", new JsonObject { ["username"] = "test_user", ["userId"] = "someone-else" });
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("someone-else", userId, StringComparison.Ordinal));
        var foreignKey = ForeignSignature(forged, _sandbox.Ebay.SigningKeyId);

        using var unsigned = await PostAsync(forged, null);
        using var tampered = await PostAsync(forged, signature);
        using var wrongKey = await PostAsync(forged, foreignKey);

        unsigned.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        tampered.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        wrongKey.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await RecordsForAsync(userId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_SignedNotificationOfAnotherTopic_IsAcknowledgedWithoutAnAccountDeletionRecord()
    {
        var orderId = "order-" + Guid.NewGuid().ToString("N")[..10];
        var (body, signature) = _sandbox.Ebay.CreateOrderConfirmation(orderId);

        using var response = await PostAsync(body, signature);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await RecordsForAsync(orderId)).ShouldBeEmpty();
        (await RecordsForAsync(NotificationId(body))).ShouldBeEmpty();
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-EBAY-SIGNATURE", signature);
        }

        return await _http.SendAsync(request);
    }

    private async Task<List<AuditRecord>> RecordsForAsync(string userId)
    {
        var audit = _app.Services.GetRequiredService<AuditLog>();
        var query = new AuditQuery(Sku: EbayAccountDeletionFunction.AuditSubject, Action: EbayAccountDeletionFunction.AuditAction, Limit: 1000);
        return await audit.QueryAsync(query).Where(r => r.Detail?.Contains(userId, StringComparison.Ordinal) == true).ToListAsync();
    }

    private static string NotificationId(byte[] body) => JsonNode.Parse(body)!["notification"]!["notificationId"]!.GetValue<string>();

    /// <summary>A well-formed header naming the sandbox's key id, signed with a key eBay never published.</summary>
    private static string ForeignSignature(byte[] body, string keyId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = key.SignData(body, HashAlgorithmName.SHA1, DSASignatureFormat.Rfc3279DerSequence);
        var header = new JsonObject { ["alg"] = "ecdsa", ["kid"] = keyId, ["signature"] = Convert.ToBase64String(signature), ["digest"] = "SHA1" };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(header.ToJsonString()));
    }
}
