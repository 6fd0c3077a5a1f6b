using Azure.Identity;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage;

public sealed class StorageAccountTests
{
    private const string Key = "a2V5LWZvci10ZXN0cy1vbmx5LW5vdC1hLXJlYWwta2V5LTAxMjM0NTY3ODk=";

    [Fact]
    public void Parse_DevelopmentStorage_UsesAzuriteDefaults()
    {
        var account = StorageAccount.Parse("UseDevelopmentStorage=true");

        account.AccountName.ShouldBe("devstoreaccount1");
        account.BlobEndpoint.ShouldBe(new Uri("http://127.0.0.1:10000/devstoreaccount1/"));
        account.QueueEndpoint.ShouldBe(new Uri("http://127.0.0.1:10001/devstoreaccount1/"));
        account.TableEndpoint.ShouldBe(new Uri("http://127.0.0.1:10002/devstoreaccount1/"));
        account.SharedKey.ShouldNotBeNull();
    }

    [Fact]
    public void Parse_AccountKeyConnectionString_BuildsEndpointsFromSuffix()
    {
        var account = StorageAccount.Parse($"DefaultEndpointsProtocol=https;AccountName=shop1;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        account.BlobEndpoint.ShouldBe(new Uri("https://shop1.blob.core.chinacloudapi.cn/"));
        account.TableEndpoint.ShouldBe(new Uri("https://shop1.table.core.chinacloudapi.cn/"));
    }

    [Fact]
    public void Parse_ExplicitEndpoints_OverrideTheSuffix()
    {
        var account = StorageAccount.Parse($"AccountName=dev;AccountKey={Key};QueueEndpoint=http://127.0.0.1:4242/dev");

        account.QueueEndpoint.ShouldBe(new Uri("http://127.0.0.1:4242/dev/"));
        account.BlobEndpoint.ShouldBe(new Uri("https://dev.blob.core.windows.net/"));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("AccountName=x", "has no AccountKey")]
    [InlineData("AccountKey=abc=", "has no AccountName")]
    [InlineData("AccountName=x;AccountKey=not base64!", "not valid base64")]
    [InlineData("garbage", "Key=Value")]
    [InlineData("AccountName=x;AccountKey=abcd;BlobEndpoint=not a uri", "BlobEndpoint")]
    [InlineData("AccountName=x;SharedAccessSignature=sv=1", "SharedAccessSignature")]
    public void Parse_BadConnectionString_NamesTheSettingAndTheProblem(string connectionString, string expected)
    {
        var error = Should.Throw<StorageConfigurationException>(() => StorageAccount.Parse(connectionString, "MyStorage"));

        error.SettingName.ShouldBe("MyStorage");
        error.Message.ShouldContain("MyStorage");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Parse_BadKey_DoesNotEchoTheValue()
    {
        var error = Should.Throw<StorageConfigurationException>(() => StorageAccount.Parse("AccountName=x;AccountKey=s3cr3t-value!"));

        error.Message.ShouldNotContain("s3cr3t-value");
    }

    [Fact]
    public void FromConfiguration_MissingSetting_NamesIt()
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Should.Throw<StorageConfigurationException>(() => StorageAccount.FromConfiguration(configuration));

        error.SettingName.ShouldBe("AzureWebJobsStorage");
        error.Message.ShouldContain("AzureWebJobsStorage__accountName");
    }

    [Fact]
    public void FromConfiguration_ConnectionString_IsParsed()
    {
        var configuration = Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        StorageAccount.FromConfiguration(configuration).AccountName.ShouldBe("devstoreaccount1");
    }

    [Fact]
    public void FromConfiguration_AccountName_UsesIdentityAndPublicEndpoints()
    {
        var configuration = Config(("AzureWebJobsStorage:accountName", "shopdata"), ("AzureWebJobsStorage:credential", "managedidentity"));

        var account = StorageAccount.FromConfiguration(configuration);

        account.SharedKey.ShouldBeNull();
        account.TokenCredential.ShouldBeOfType<ManagedIdentityCredential>();
        account.BlobEndpoint.ShouldBe(new Uri("https://shopdata.blob.core.windows.net/"));
        account.QueueEndpoint.ShouldBe(new Uri("https://shopdata.queue.core.windows.net/"));
        account.TableEndpoint.ShouldBe(new Uri("https://shopdata.table.core.windows.net/"));
    }

    [Fact]
    public void FromConfiguration_ServiceUris_AreUsedAsGiven()
    {
        var configuration = Config(
            ("AzureWebJobsStorage:blobServiceUri", "https://acct.blob.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://acct.queue.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://acct.table.core.windows.net"));

        var account = StorageAccount.FromConfiguration(configuration, tokenCredential: new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned));

        account.AccountName.ShouldBe("acct");
        account.QueueEndpoint.ShouldBe(new Uri("https://acct.queue.core.windows.net/"));
    }

    [Fact]
    public void FromConfiguration_PartialServiceUris_NamesTheMissingOne()
    {
        var configuration = Config(
            ("AzureWebJobsStorage:blobServiceUri", "https://acct.blob.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://acct.table.core.windows.net"));

        var error = Should.Throw<StorageConfigurationException>(() => StorageAccount.FromConfiguration(configuration));

        error.SettingName.ShouldBe("AzureWebJobsStorage__queueServiceUri");
    }

    [Fact]
    public void FromConfiguration_InvalidServiceUri_NamesIt()
    {
        var configuration = Config(("AzureWebJobsStorage:accountName", "a"), ("AzureWebJobsStorage:blobServiceUri", "ftp://x"));

        Should.Throw<StorageConfigurationException>(() => StorageAccount.FromConfiguration(configuration))
            .SettingName.ShouldBe("AzureWebJobsStorage__blobServiceUri");
    }

    [Fact]
    public void FromConfiguration_UnknownCredentialKind_NamesIt()
    {
        var configuration = Config(("AzureWebJobsStorage:accountName", "a"), ("AzureWebJobsStorage:credential", "password"));

        Should.Throw<StorageConfigurationException>(() => StorageAccount.FromConfiguration(configuration))
            .SettingName.ShouldBe("AzureWebJobsStorage__credential");
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
