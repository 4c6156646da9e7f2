using Cicero.Notifications.TestSupport;
using PublicApiGenerator;

namespace Cicero.Notifications.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_of_the_core_package_matches_the_approved_snapshot()
    {
        var api = typeof(CiceroNotificationsOptions).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            DenyNamespacePrefixes = [],
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        });

        // A change here is a change to the package's public surface: review it, then update the snapshot
        // (delete the file under __snapshots__ and run the test again).
        Approved.Match(api, "Cicero.Notifications.PublicApi");
    }
}
