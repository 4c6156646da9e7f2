using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cicero.Notifications.Tests.Hosting;

/// <summary>A host chooses what background processing runs: dispatch, the nightly jobs, or both.</summary>
public sealed class BackgroundWorkTests
{
    [Theory]
    [InlineData(BackgroundWork.All, new[] { "NightlyBackgroundService", "NotificationBackgroundService" })]
    [InlineData(BackgroundWork.Dispatch, new[] { "NotificationBackgroundService" })]
    [InlineData(BackgroundWork.NightlyJobs, new[] { "NightlyBackgroundService" })]
    public void Background_processing_runs_what_the_host_chose(BackgroundWork work, string[] expected)
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).AddBackgroundProcessing(work);

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType!.Name)
            .Where(n => n.EndsWith("BackgroundService", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        hosted.Should().Equal(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_choice_of_nothing_or_of_something_unknown_is_refused(int work)
    {
        var builder = new ServiceCollection().AddCiceroNotifications(_ => { });

        var act = () => builder.AddBackgroundProcessing((BackgroundWork)work);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("work").WithMessage("Choose BackgroundWork.Dispatch, BackgroundWork.NightlyJobs or both.*");
    }
}
