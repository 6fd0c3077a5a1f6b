namespace Marketplace.Functions.AppFolder;

/// <summary>The <c>--write-app-folder &lt;dir&gt;</c> verb: catalog from configuration (no storage needed), then the folder.</summary>
internal static class AppFolderCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            Console.Error.WriteLine($"Usage: Marketplace.Functions {AppFolderWriter.Verb} <folder>");
            return 2;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var catalog = FunctionDefinitions.BuildCatalog(configuration);
        AppFolderWriter.Write(catalog, args[1], AppContext.BaseDirectory);
        Console.WriteLine($"App folder written to {Path.GetFullPath(args[1])}: host.json and {catalog.Functions.Count} functions.");
        return 0;
    }
}
