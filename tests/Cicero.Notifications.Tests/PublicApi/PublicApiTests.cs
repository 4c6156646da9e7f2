using PublicApiGenerator;
using Snapshooter.Xunit;

namespace Cicero.Notifications.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_of_the_core_package_matches_the_approved_snapshot()
    {
        var api = typeof(CiceroNotificationsOptions).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        });

        // A change here is a change to the package's public surface: review it, then update the snapshot
        // (delete the file under __snapshots__ and run the test again).
        Snapshot.Match(api.Replace("\r\n", "\n", StringComparison.Ordinal), "Cicero.Notifications.PublicApi");
    }
}
