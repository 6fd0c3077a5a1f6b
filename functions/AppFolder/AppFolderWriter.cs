using Marketplace.Functions.Catalog;

namespace Marketplace.Functions.AppFolder;

/// <summary>
/// Assembles a deployable Functions app folder: <c>host.json</c>, one <c>{Function}/function.json</c> per
/// catalog entry, and the published executable with its files (copied unless the folder is the publish folder).
/// </summary>
internal static class AppFolderWriter
{
    public const string Verb = "--write-app-folder";

    /// <summary>The apphost beside this assembly: <c>Marketplace.Functions.exe</c> on Windows, else without extension.</summary>
    public static string ExecutableName(string publishFolder)
    {
        var name = typeof(AppFolderWriter).Assembly.GetName().Name!;
        return File.Exists(Path.Combine(publishFolder, name + ".exe")) ? name + ".exe" : name;
    }

    public static void Write(FunctionCatalog catalog, string appFolder, string publishFolder)
    {
        var target = Path.GetFullPath(appFolder);
        var source = Path.GetFullPath(publishFolder);
        Directory.CreateDirectory(target);
        if (!string.Equals(target.TrimEnd(Path.DirectorySeparatorChar), source.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            CopyPublishedFiles(source, target);
        }

        File.WriteAllText(Path.Combine(target, "host.json"), FunctionJson.ToText(FunctionJson.RenderHost(ExecutableName(source))));
        foreach (var definition in catalog.Functions)
        {
            var folder = Path.Combine(target, definition.Name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), FunctionJson.ToText(FunctionJson.Render(definition)));
        }
    }

    private static void CopyPublishedFiles(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || file.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        var executable = Path.Combine(target, ExecutableName(source));
        if (!OperatingSystem.IsWindows() && File.Exists(executable))
        {
            File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}
