using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// One host of the library in the store benchmarks: its own DI container (as a separate process would have) with
/// <see cref="PipelineScenario"/>'s type and templates, no-op SMS and e-mail channels, the library's default dispatch
/// settings, and a durable store.
/// </summary>
internal static class LibraryHost
{
    /// <summary>The dispatcher's claim size (the library's default), also used by the raw side.</summary>
    public const int BatchSize = 100;

    /// <summary>How many sends run at once per host (the library's default), also used by the raw side.</summary>
    public const int MaxParallelism = 8;

    public static ServiceProvider Create(Action<ICiceroNotificationsBuilder> useStore)
    {
        var services = new ServiceCollection();
        var builder = services.AddCiceroNotifications(o =>
            {
                PipelineScenario.Configure(o);
                o.Dispatch.BatchSize = BatchSize;
                o.Dispatch.MaxParallelism = MaxParallelism;
            })
            .AddChannel(Protocol.Sms, new NoOpChannel())
            .AddChannel(Protocol.Email, new NoOpChannel());
        useStore(builder);
        return services.BuildServiceProvider();
    }
}
