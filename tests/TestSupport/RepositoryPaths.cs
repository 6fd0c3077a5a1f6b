namespace Marketplace.TestSupport;

/// <summary>Finds the repository root (the folder holding <c>Serverless.sln</c>) from the test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Serverless.sln was not found above {AppContext.BaseDirectory}.");
    }
}
