using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Functions.Tests.Support;

/// <summary>
/// The functions app in-process with settings given per test (no environment variables) and optional extra
/// services (test handlers, recorders, log capture).
/// </summary>
internal sealed class FunctionsAppFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    /// <summary>An admin key used by tests (32+ characters).</summary>
    public const string AdminKey = "test-admin-key-0123456789abcdefghijkl";

    /// <summary>Settings for standalone mode with fast polling and a private state container.</summary>
    public static Dictionary<string, string?> StandaloneSettings(string connectionString, string stateContainer, bool triggers = true) => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["Admin:Keys"] = AdminKey,
        ["Standalone:TriggersEnabled"] = triggers ? "true" : "false",
        ["Standalone:StateContainer"] = stateContainer,
        ["Standalone:Queues:MaxPollingInterval"] = "00:00:00.200",
        ["Standalone:Queues:VisibilityTimeout"] = "00:00:10",
        ["Standalone:Blobs:PollingInterval"] = "00:00:00.200",
        ["Standalone:Timers:ContendedPollInterval"] = "00:00:00.100",
        ["Standalone:DrainTimeout"] = "00:00:05",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}
