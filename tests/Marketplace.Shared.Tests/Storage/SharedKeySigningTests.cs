using Azure.Core;
using Azure.Core.Pipeline;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage;

[Trait("Category", "Integration")]
public sealed class SharedKeySigningTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(StorageService.Blob, "?restype=container", 201)]
    [InlineData(StorageService.Queue, "", 201)]
    public async Task SignedCreateRequest_IsAcceptedByAzurite(StorageService service, string query, int expected)
    {
        var pipeline = StoragePipeline.Create(azurite.Account, service, new StorageClientOptions());
        var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        message.Request.Uri.Reset(new Uri(azurite.Account.GetEndpoint(service), AzuriteFixture.UniqueName("sig") + query));

        await pipeline.SendAsync(message, default);

        message.Response.Status.ShouldBe(expected);
    }

    [Fact]
    public async Task SignedTableCreate_IsAcceptedByAzurite()
    {
        var pipeline = StoragePipeline.Create(azurite.Account, StorageService.Table, new StorageClientOptions());
        var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(azurite.Account.TableEndpoint, "Tables"));
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Accept", "application/json;odata=nometadata");
        message.Request.Content = RequestContent.Create(BinaryData.FromString($$"""{"TableName":"{{AzuriteFixture.UniqueName("sig")}}"}"""));

        await pipeline.SendAsync(message, default);

        message.Response.Status.ShouldBe(201);
    }

    [Fact]
    public async Task WrongKey_IsRejectedWith403()
    {
        var good = azurite.Account;
        var wrong = new StorageAccount(good.AccountName, good.BlobEndpoint, good.QueueEndpoint, good.TableEndpoint,
            new StorageSharedKeyCredential(good.AccountName, Convert.ToBase64String(new byte[64])));
        var pipeline = StoragePipeline.Create(wrong, StorageService.Blob, new StorageClientOptions());
        var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        message.Request.Uri.Reset(new Uri(wrong.BlobEndpoint, AzuriteFixture.UniqueName("sig") + "?restype=container"));

        await pipeline.SendAsync(message, default);

        message.Response.Status.ShouldBe(403);
    }
}
