namespace Cicero.Notifications.Samples.Console;

/// <summary>
/// The sample's clock: it stands still until the story moves it, so a month at the library fits in a second and every
/// run prints the same times. Registered as the <see cref="TimeProvider"/> — the library reads time nowhere else.
/// </summary>
/// <remarks>Thread-safe: the dispatcher reads it from several sends at once.</remarks>
internal sealed class SimulatedClock : TimeProvider
{
    private readonly TimeZoneInfo _zone;
    private long _utcTicks;

    /// <summary>Starts the clock at a local time in <paramref name="zone"/>.</summary>
    public SimulatedClock(DateTime localStart, TimeZoneInfo zone)
    {
        _zone = zone;
        _utcTicks = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localStart, DateTimeKind.Unspecified), zone).Ticks;
    }

    /// <summary>Gets the library's time zone.</summary>
    public override TimeZoneInfo LocalTimeZone => _zone;

    /// <summary>Gets the current local time in the library's time zone.</summary>
    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(GetUtcNow(), _zone);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Europe/Copenhagen from the system's time zone data, or the same rules built in where it has none.</summary>
    public static TimeZoneInfo Copenhagen()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (TimeZoneNotFoundException)
        {
            // CET/CEST: summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00.
            var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0, DateTimeKind.Unspecified), 3, 5, DayOfWeek.Sunday);
            var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0, DateTimeKind.Unspecified), 10, 5, DayOfWeek.Sunday);
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Copenhagen", TimeSpan.FromHours(1), "Europe/Copenhagen", "CET", "CEST", [rule]);
        }
    }

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _utcTicks, by.Ticks);
    }

    /// <summary>Moves the clock forward to a local time in the library's time zone (for example "Friday 02:00").</summary>
    public void AdvanceTo(DateTime local)
    {
        var target = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);
        Advance(new DateTimeOffset(target, TimeSpan.Zero) - GetUtcNow());
    }
}
