using Marketplace.Functions;
using Marketplace.Functions.AppFolder;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.Options;

// `Marketplace.Functions --write-app-folder <dir>`: write host.json and the function folders (build step).
if (args.Length >= 1 && args[0] == AppFolderWriter.Verb)
{
    return AppFolderCommand.Run(args);
}

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddFunctionsApp();
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
