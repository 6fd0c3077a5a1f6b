using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Tests.Secrets;

/// <summary>
/// The documented Key Vault secrets REST API on an HTTPS loopback port with a certificate made here: the bearer
/// challenge (401 with <c>WWW-Authenticate</c>) for unauthenticated requests, GET/PUT/DELETE <c>/secrets/{name}</c>,
/// GET/DELETE <c>/deletedsecrets/{name}</c> and POST <c>/deletedsecrets/{name}/recover</c>. With soft delete a
/// deleted name answers PUT with 409 <c>ObjectIsDeletedButRecoverable</c> until recovered or purged.
/// </summary>
internal sealed class FakeKeyVault : IAsyncDisposable
{
    public const string Token = "fake-vault-token";
    private readonly ConcurrentDictionary<string, string> _live = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _deleted = new(StringComparer.OrdinalIgnoreCase);
    private readonly X509Certificate2 _certificate;
    private readonly WebApplication _app;

    private FakeKeyVault(X509Certificate2 certificate, WebApplication app)
    {
        _certificate = certificate;
        _app = app;
    }

    public bool SoftDelete { get; init; } = true;

    public Uri VaultUri { get; private set; } = null!;

    /// <summary>Names whose PUT always answers 409 (a conflict that is not a soft-deleted secret).</summary>
    public ConcurrentDictionary<string, bool> Locked { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> Requests { get; } = new();

    public int Challenges;

    public bool IsDeleted(string name) => _deleted.ContainsKey(name);

    public static async Task<FakeKeyVault> StartAsync(bool softDelete = true)
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var vault = new FakeKeyVault(certificate, app) { SoftDelete = softDelete };
        app.Run(vault.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        vault.VaultUri = new Uri(address.TrimEnd('/') + "/");
        return vault;
    }

    /// <summary>Client options that trust only this fake's certificate and skip the vault-domain check.</summary>
    public SecretClientOptions ClientOptions()
    {
        var thumbprint = _certificate.Thumbprint;
#pragma warning disable CA2000 // The transport owns the handler and client for the test's lifetime.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint };
        var options = new SecretClientOptions { DisableChallengeResourceVerification = true, Transport = new HttpClientTransport(new HttpClient(handler)) };
#pragma warning restore CA2000
        options.Retry.MaxRetries = 0;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue($"{request.Method} {request.Path}");
        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            Interlocked.Increment(ref Challenges);
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate =
                "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001\", resource=\"https://vault.azure.net\"";
            return;
        }

        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            await WriteAsync(context, 400, Error("BadParameter", "api-version is required"));
            return;
        }

        var parts = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (status, body) = (request.Method, parts) switch
        {
            ("GET", ["secrets", var name, ..]) => _live.TryGetValue(name, out var value) ? (200, Bundle(name, value)) : (404, NotFound(name)),
            ("PUT", ["secrets", var name]) => await SetAsync(request, name),
            ("DELETE", ["secrets", var name]) => Delete(name),
            ("GET", ["deletedsecrets", var name]) => _deleted.TryGetValue(name, out var value) ? (200, DeletedBundle(name, value)) : (404, NotFound(name)),
            ("DELETE", ["deletedsecrets", var name]) => _deleted.TryRemove(name, out _) ? (204, null) : (404, NotFound(name)),
            ("POST", ["deletedsecrets", var name, "recover"]) => Recover(name),
            _ => (400, Error("BadParameter", $"Unsupported {request.Method} {request.Path}")),
        };
        await WriteAsync(context, status, body);
    }

    private async Task<(int, JsonObject?)> SetAsync(HttpRequest request, string name)
    {
        if (Locked.ContainsKey(name))
        {
            return (409, Error("Conflict", $"Secret {name} is locked."));
        }

        if (_deleted.ContainsKey(name))
        {
            var error = Error("Conflict", $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.");
            error["error"]!["innererror"] = new JsonObject { ["code"] = "ObjectIsDeletedButRecoverable" };
            return (409, error);
        }

        var json = await JsonNode.ParseAsync(request.Body);
        var value = json?["value"]?.GetValue<string>() ?? "";
        _live[name] = value;
        return (200, Bundle(name, value));
    }

    private (int, JsonObject?) Delete(string name)
    {
        if (!_live.TryRemove(name, out var value))
        {
            return (404, NotFound(name));
        }

        if (!SoftDelete)
        {
            return (200, Bundle(name, value));
        }

        _deleted[name] = value;
        return (200, DeletedBundle(name, value));
    }

    private (int, JsonObject?) Recover(string name)
    {
        if (!_deleted.TryRemove(name, out var value))
        {
            return (404, Error("SecretNotFound", $"Deleted Secret not found: {name}"));
        }

        _live[name] = value;
        return (200, Bundle(name, value));
    }

    private JsonObject Bundle(string name, string value) => new()
    {
        ["value"] = value,
        ["id"] = $"{VaultUri}secrets/{name}/{Guid.NewGuid():N}",
        ["attributes"] = new JsonObject
        {
            ["enabled"] = true,
            ["created"] = 1_700_000_000,
            ["updated"] = 1_700_000_000,
            ["recoveryLevel"] = SoftDelete ? "Recoverable+Purgeable" : "Purgeable",
        },
    };

    private JsonObject DeletedBundle(string name, string value)
    {
        var bundle = Bundle(name, value);
        bundle["recoveryId"] = $"{VaultUri}deletedsecrets/{name}";
        bundle["deletedDate"] = 1_700_000_000;
        bundle["scheduledPurgeDate"] = 1_702_592_000;
        return bundle;
    }

    private static JsonObject NotFound(string name) => Error("SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault.");

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static async Task WriteAsync(HttpContext context, int status, JsonObject? body)
    {
        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Default));
        }
    }
}

/// <summary>Hands out <see cref="FakeKeyVault.Token"/> and records the scopes asked for.</summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    public ConcurrentQueue<string> Scopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            Scopes.Enqueue(scope);
        }

        return new AccessToken(FakeKeyVault.Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
