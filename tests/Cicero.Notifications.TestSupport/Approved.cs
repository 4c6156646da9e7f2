using System.Runtime.CompilerServices;
using Snapshooter.Xunit;

namespace Cicero.Notifications.TestSupport;

/// <summary>
/// Snapshot matching that cannot pass vacuously in CI: Snapshooter writes a missing snapshot and
/// passes, so under <c>CI=true</c> a snapshot that is not committed is a failure. Snapshots live in
/// <c>__snapshots__</c> beside the calling test's source file.
/// </summary>
public static class Approved
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var file = Path.Combine(Path.GetDirectoryName(callerFile)!, "__snapshots__", name + ".snap");
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            File.Exists(file).Should().BeTrue($"the approved snapshot {file} must be committed; run the tests locally to create it and review it");
        }

        Snapshot.Match(actual.Replace("\r\n", "\n", StringComparison.Ordinal), name);
    }
}
