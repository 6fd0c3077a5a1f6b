using Azure;
using Marketplace.Shared.Secrets;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Secrets;

[Trait("Category", "Integration")]
public sealed class KeyVaultSecretStoreTests : IAsyncLifetime
{
    private readonly FakeTokenCredential _credential = new();
    private readonly CapturingLogger<KeyVaultSecretStore> _logger = new();
    private FakeKeyVault _vault = null!;
    private KeyVaultSecretStore _store = null!;

    public async Task InitializeAsync()
    {
        _vault = await FakeKeyVault.StartAsync();
        _store = new KeyVaultSecretStore(_vault.VaultUri, _credential, _vault.ClientOptions(), _logger);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Get_Missing_ReturnsNull()
    {
        (await _store.GetSecretAsync("shopify--shop--access-token")).ShouldBeNull();
    }

    [Fact]
    public async Task FirstRequest_AnswersChallenge_WithVaultScopedToken()
    {
        await _store.SetSecretAsync("token", "value");

        _vault.Challenges.ShouldBe(1);
        _credential.Scopes.ShouldContain("https://vault.azure.net/.default");
        (await _store.GetSecretAsync("token")).ShouldBe("value");
    }

    [Fact]
    public async Task Set_Twice_Overwrites()
    {
        await _store.SetSecretAsync("token", "old");
        await _store.SetSecretAsync("token", "new");

        (await _store.GetSecretAsync("token")).ShouldBe("new");
    }

    [Fact]
    public async Task Delete_SoftDeletes_AndGetReturnsNull()
    {
        await _store.SetSecretAsync("token", "value");

        await _store.DeleteSecretAsync("token");

        _vault.IsDeleted("token").ShouldBeTrue();
        (await _store.GetSecretAsync("token")).ShouldBeNull();
    }

    [Fact]
    public async Task Delete_Missing_IsNoOp()
    {
        await _store.DeleteSecretAsync("never-created");

        _vault.Requests.ShouldContain("DELETE /secrets/never-created");
    }

    [Fact]
    public async Task Set_AfterSoftDelete_RecoversThenWritesNewValue()
    {
        await _store.SetSecretAsync("token", "first");
        await _store.DeleteSecretAsync("token");

        await _store.SetSecretAsync("token", "second");

        (await _store.GetSecretAsync("token")).ShouldBe("second");
        _vault.IsDeleted("token").ShouldBeFalse();
        _vault.Requests.ShouldContain("POST /deletedsecrets/token/recover");
    }

    [Fact]
    public async Task Set_WithConflictThatIsNotASoftDeletedSecret_Throws409()
    {
        _vault.Locked["token"] = true;

        var ex = await Should.ThrowAsync<RequestFailedException>(async () => await _store.SetSecretAsync("token", "value"));

        ex.Status.ShouldBe(409);
        _vault.Requests.Count(r => r == "PUT /secrets/token").ShouldBe(3); // challenge, first Set, Set after the 404 recover
    }

    [Fact]
    public async Task Set_AfterDelete_OnVaultWithoutSoftDelete_Works()
    {
        await using var vault = await FakeKeyVault.StartAsync(softDelete: false);
        var store = new KeyVaultSecretStore(vault.VaultUri, _credential, vault.ClientOptions());
        await store.SetSecretAsync("token", "first");
        await store.DeleteSecretAsync("token");

        await store.SetSecretAsync("token", "second");

        (await store.GetSecretAsync("token")).ShouldBe("second");
        vault.Requests.ShouldNotContain(r => r.Contains("deletedsecrets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_WithWrongToken_ThrowsRequestFailed()
    {
        var store = new KeyVaultSecretStore(_vault.VaultUri, new WrongTokenCredential(), _vault.ClientOptions());

        var ex = await Should.ThrowAsync<RequestFailedException>(async () => await store.GetSecretAsync("token"));

        ex.Status.ShouldBe(401);
    }

    [Fact]
    public async Task Values_AreNeverLogged()
    {
        await _store.SetSecretAsync("token", "super-secret-value");
        await _store.DeleteSecretAsync("token");
        await _store.SetSecretAsync("token", "another-secret-value");

        _logger.Messages.ShouldNotBeEmpty();
        _logger.Messages.ShouldAllBe(m => !m.Contains("secret-value", StringComparison.Ordinal));
        _store.ToString().ShouldNotContain("secret-value");
    }

    private sealed class WrongTokenCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("not-the-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
