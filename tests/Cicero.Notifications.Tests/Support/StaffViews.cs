using Cicero.Notifications.Sending;
using Cicero.Notifications.Staff;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.Support;

/// <summary>A <see cref="StaffView"/> over options set up by the test, without a container.</summary>
internal static class StaffViews
{
    public static StaffView For(Action<CiceroNotificationsOptions> configure)
    {
        var options = new CiceroNotificationsOptions();
        configure(options);
        return new StaffView(new ServerSetup(Options.Create(options)));
    }
}
