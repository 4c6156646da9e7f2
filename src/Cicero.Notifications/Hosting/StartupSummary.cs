using Cicero.Notifications.Nightly;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Hosting;

/// <summary>
/// Logs one line when the host starts, saying how the library is set up: the store (its <see cref="object.ToString"/>,
/// which the shipped stores make name the database without secrets), each protocol's channel and guarantee, the
/// notification types, and whether background processing and the nightly jobs run.
/// </summary>
internal sealed class StartupSummary(IServiceProvider services, ILogger<StartupSummary>? logger = null) : IHostedService
{
    private readonly ILogger _logger = logger ?? NullLogger<StartupSummary>.Instance;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var setup = services.GetRequiredService<ServerSetup>();
            var hosted = services.GetServices<IHostedService>().ToList();
            var store = services.GetRequiredService<IMessageStore>().ToString() ?? "a message store";
            var channels = services.GetRequiredService<ChannelRegistry>().Describe();
            var types = string.Join(", ", setup.Options.Types.Keys.Order(StringComparer.Ordinal));
            var dispatching = hosted.Any(s => s is NotificationBackgroundService)
                ? $"every {setup.Options.Dispatch.Interval.TotalSeconds:0.###} s"
                : "off (call IMessageDispatcher.DispatchDueAsync yourself)";
            var nightly = hosted.Any(s => s is NightlyBackgroundService) ? $"daily at {setup.Options.Nightly.RunAt:HH\\:mm} (library time)" : "off";
            Log.Started(_logger, store, channels, types, dispatching, nightly);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
