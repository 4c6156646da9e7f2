using Cicero.Notifications.Sending;
using Cicero.Notifications.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Hosting;

/// <summary>
/// Dispatches due messages on an interval; a failed run is logged (type only) and the next one runs as usual. At its start
/// it first completes the fallbacks a crash may have interrupted (<see cref="NotificationFallbacks.SweepAsync"/>).
/// </summary>
internal sealed class NotificationBackgroundService(
    IMessageDispatcher dispatcher,
    IDeliveryReceipts receipts,
    NotificationFallbacks fallbacks,
    IOptions<CiceroNotificationsOptions> options,
    TimeProvider time,
    ILogger<NotificationBackgroundService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = logger ?? NullLogger<NotificationBackgroundService>.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Dispatch.Interval, time);
        var swept = false;
        do
        {
            try
            {
                if (!swept)
                {
                    await fallbacks.SweepAsync(stoppingToken).ConfigureAwait(false);
                    swept = true;
                }

                await dispatcher.DispatchDueAsync(stoppingToken).ConfigureAwait(false);

                // Receipts that arrived before their message was recorded Sent: the run above may have recorded it.
                await receipts.ApplyKeptAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.BackgroundProcessingFailed(_logger, "dispatch", ex.GetType().Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
