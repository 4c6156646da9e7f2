using Cicero.Notifications.Configuration;
using Cicero.Notifications.Profiles;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Nightly;

/// <summary>
/// Runs the nightly jobs once a night at <see cref="NightlyOptions.RunAt"/> in the library's time zone, on
/// <see cref="TimeProvider"/> timers, and once at start to catch up (<see cref="NightlyOptions.CatchUpOnStart"/>).
/// A failed run is logged (exception type only) and the next night runs as usual.
/// </summary>
internal sealed class NightlyBackgroundService(
    INightlyJobs jobs,
    IOptions<CiceroNotificationsOptions> options,
    TimeProvider time,
    ILogger<NightlyBackgroundService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = logger ?? NullLogger<NightlyBackgroundService>.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nightly = options.Value.Nightly;
        var zone = LibraryTimeZone.Find(options.Value.TimeZone);
        if (nightly.CatchUpOnStart)
        {
            // No record of the last run is kept, so a missed night cannot be told from a restart: run once, the jobs are idempotent.
            ProfileLog.NightlyCatchUp(_logger);
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }

        var next = NightlySchedule.Next(time.GetUtcNow(), nightly.RunAt, zone);
        while (!stoppingToken.IsCancellationRequested)
        {
            ProfileLog.NightlyScheduled(_logger, next);
            var delay = next - time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }

            await RunOnceAsync(stoppingToken).ConfigureAwait(false);

            // After the run scheduled for `next`: the following night — or, when the run outlasted it, the first one still ahead.
            var now = time.GetUtcNow();
            next = NightlySchedule.Next(next > now ? next : now, nightly.RunAt, zone);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await jobs.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down between batches: the next run continues where this one stopped.
        }
        catch (Exception ex)
        {
            ProfileLog.NightlyRunFailed(_logger, ex.GetType().Name);
        }
    }
}
