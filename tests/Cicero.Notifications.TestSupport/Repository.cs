namespace Cicero.Notifications.TestSupport;

/// <summary>The repository the tests run in: its root is the first folder above the test's output that holds Cicero.Notifications.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Returns the full path of a file or folder given relative to the root, one segment per argument.</summary>
    public static string PathOf(params string[] segments) => Path.Combine([Root, .. segments]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cicero.Notifications.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Cicero.Notifications.sln).");
    }
}
