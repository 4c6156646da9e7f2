using System.Globalization;
using System.Threading.Channels;
using Cicero.Notifications.Nightly;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.Tests.Nightly;

/// <summary>
/// The hosted service driven by a fake clock across both daylight-saving nights of 2026. The clock reports each timer the
/// service sets, so the test advances exactly to the wake-up the service asked for, and never races it.
/// </summary>
public sealed class NightlyBackgroundServiceTests
{
    [Fact]
    public async Task Runs_at_start_then_at_three_on_the_spring_forward_night_then_at_two_summer_time()
    {
        var runs = await DriveAsync(start: "2026-03-28T11:00:00Z", wakeUps: 2, catchUpOnStart: true);

        runs.Should().Equal(Instant("2026-03-28T11:00:00Z"), Instant("2026-03-29T01:00:00Z"), Instant("2026-03-30T00:00:00Z"));
    }

    [Fact]
    public async Task Runs_once_on_the_fall_back_night_and_next_at_two_winter_time()
    {
        var runs = await DriveAsync(start: "2026-10-24T11:00:00Z", wakeUps: 2, catchUpOnStart: false);

        runs.Should().Equal(Instant("2026-10-25T00:00:00Z"), Instant("2026-10-26T01:00:00Z"));
    }

    [Fact]
    public async Task Without_catch_up_the_first_run_waits_for_the_night()
    {
        var runs = await DriveAsync(start: "2026-03-10T12:00:00Z", wakeUps: 1, catchUpOnStart: false);

        runs.Should().Equal(Instant("2026-03-11T01:00:00Z"));
    }

    [Fact]
    public async Task After_a_failed_run_the_next_night_runs_as_usual()
    {
        var runs = await DriveAsync(start: "2026-03-10T12:00:00Z", wakeUps: 2, catchUpOnStart: false, failFirst: true);

        runs.Should().Equal(Instant("2026-03-11T01:00:00Z"), Instant("2026-03-12T01:00:00Z"));
    }

    [Fact]
    public async Task A_failed_run_is_logged_with_the_exception_type_only()
    {
        var collector = new FakeLogCollector();

        await DriveAsync(start: "2026-03-10T12:00:00Z", wakeUps: 1, catchUpOnStart: false, failFirst: true, logger: new FakeLogger<NightlyBackgroundService>(collector));

        collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 164).Which.Message.Should().Be("Nightly jobs failed with InvalidOperationException; they run again at the next scheduled time");
    }

    private static async Task<List<DateTimeOffset>> DriveAsync(string start, int wakeUps, bool catchUpOnStart, bool failFirst = false, FakeLogger<NightlyBackgroundService>? logger = null)
    {
        var time = new ObservedTimeProvider(Instant(start));
        var jobs = new RecordingNightlyJobs(time, failFirst);
        var options = new CiceroNotificationsOptions();
        options.Nightly.CatchUpOnStart = catchUpOnStart;
        using var service = new NightlyBackgroundService(jobs, Options.Create(options), time, logger);

        await service.StartAsync(CancellationToken.None);
        if (catchUpOnStart)
        {
            await jobs.NextRunAsync();
        }

        for (var i = 0; i < wakeUps; i++)
        {
            var wakeUp = await time.NextTimerDueAsync();
            time.SetUtcNow(wakeUp);
            await jobs.NextRunAsync();
        }

        await time.NextTimerDueAsync();
        await service.StopAsync(CancellationToken.None);
        return jobs.Runs;
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>A fake clock that reports when each one-shot timer it creates is due.</summary>
    private sealed class ObservedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly Channel<DateTimeOffset> _timers = Channel.CreateUnbounded<DateTimeOffset>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                _timers.Writer.TryWrite(GetUtcNow() + dueTime);
            }

            return timer;
        }

        /// <summary>Waits until the service sets its next timer; the guard only stops a broken test from hanging.</summary>
        public async Task<DateTimeOffset> NextTimerDueAsync() => await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Records the clock at each run.</summary>
    private sealed class RecordingNightlyJobs(TimeProvider time, bool failFirst) : INightlyJobs
    {
        private readonly Channel<DateTimeOffset> _runs = Channel.CreateUnbounded<DateTimeOffset>();
        private bool _failNext = failFirst;

        public List<DateTimeOffset> Runs { get; } = [];

        public Task<NightlyRunResult> RunAsync(CancellationToken cancellationToken = default)
        {
            var now = time.GetUtcNow();
            Runs.Add(now);
            _runs.Writer.TryWrite(now);
            if (_failNext)
            {
                _failNext = false;
                throw new InvalidOperationException("The store is down.");
            }

            return Task.FromResult(new NightlyRunResult(0, 0, 0, 0, 0, 0));
        }

        public async Task NextRunAsync() => await _runs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
