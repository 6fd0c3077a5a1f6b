using Marketplace.Functions;
using Marketplace.Functions.Hosting;
using Marketplace.Shared.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Options;

// Under the Functions host (it starts the worker with --functions-uri) the isolated worker runs the functions;
// otherwise ASP.NET Core serves them standalone, with the built-in timer, queue and blob trigger sources.
var mode = HostingMode.Detect(args);
try
{
    if (mode.IsFunctionsHost)
    {
        var worker = FunctionsApplication.CreateBuilder(args);
        worker.ConfigureFunctionsWebApplication();
        worker.UseMiddleware<AdminKeyWorkerMiddleware>();
        worker.AddFunctionsApp(mode);
        await worker.Build().RunAsync();
        return 0;
    }

    var builder = WebApplication.CreateBuilder(args);
    builder.AddFunctionsApp(mode);
    var app = builder.Build();
    app.MapFunctionsApp();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is StorageConfigurationException or OptionsValidationException or InvalidOperationException { Source: "Marketplace.Functions" })
{
    await Console.Error.WriteLineAsync("Start-up failed: " + ex.Message);
    return 1;
}

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
