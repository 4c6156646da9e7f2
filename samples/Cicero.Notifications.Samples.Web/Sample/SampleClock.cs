using System.Globalization;

namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>
/// The sample's settable clock: it stands still until staff press "advance the clock", so verification expiry (3 days)
/// and anonymization (30 days) can be shown in a minute. Registered as the <see cref="TimeProvider"/>; the library reads
/// time nowhere else. The time is kept in a file next to the database, so a restart does not turn the clock back.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class SampleClock : TimeProvider
{
    /// <summary>When a new sample starts: Monday 30 November 2026, 09:00 in Copenhagen.</summary>
    public static readonly DateTime Start = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Unspecified);

    private readonly TimeZoneInfo _zone;
    private readonly string? _file;
    private long _utcTicks;

    /// <summary>Creates the clock, reading its time from <paramref name="file"/> when that exists.</summary>
    public SampleClock(TimeZoneInfo zone, string? file)
    {
        _zone = zone;
        _file = file;
        _utcTicks = TimeZoneInfo.ConvertTimeToUtc(Start, zone).Ticks;
        if (file is not null && File.Exists(file)
            && long.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            _utcTicks = ticks;
        }
    }

    /// <summary>Gets the library's time zone.</summary>
    public override TimeZoneInfo LocalTimeZone => _zone;

    /// <summary>Gets the current time in the library's time zone.</summary>
    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(GetUtcNow(), _zone);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock forward and remembers the new time.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var ticks = Interlocked.Add(ref _utcTicks, by.Ticks);
        if (_file is not null)
        {
            File.WriteAllText(_file, ticks.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Formats a time as the library's local time (dd.MM.yyyy HH:mm).</summary>
    public string Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, _zone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Europe/Copenhagen from the system's time zone data, or the same rules built in where it has none.</summary>
    public static TimeZoneInfo Copenhagen()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (TimeZoneNotFoundException)
        {
            var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0, DateTimeKind.Unspecified), 3, 5, DayOfWeek.Sunday);
            var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0, DateTimeKind.Unspecified), 10, 5, DayOfWeek.Sunday);
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Copenhagen", TimeSpan.FromHours(1), "Europe/Copenhagen", "CET", "CEST", [rule]);
        }
    }
}
