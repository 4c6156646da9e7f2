namespace Cicero.Notifications.Nightly;

/// <summary>
/// When the nightly jobs run next: a local time of day in the library's time zone, correct on daylight-saving nights.
/// Pure: the current time is passed in.
/// </summary>
internal static class NightlySchedule
{
    /// <summary>Returns the first run strictly after <paramref name="after"/>.</summary>
    /// <param name="after">The instant to look after (usually now, or the previous run).</param>
    /// <param name="timeOfDay">The local time of day.</param>
    /// <param name="zone">The library's time zone.</param>
    /// <returns>
    /// The next instant at which the local clock shows <paramref name="timeOfDay"/>. When that local time does not exist
    /// (the spring-forward gap) the first valid instant after the gap; when it happens twice (fall-back) only the
    /// first of the two, so the jobs run once that night.
    /// </returns>
    public static DateTimeOffset Next(DateTimeOffset after, TimeOnly timeOfDay, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);

        // The run on the local date of `after` may already be past; a day later is always after it. Three days cover
        // any offset change a zone can make in one night.
        for (var i = 0; i < 3; i++)
        {
            var candidate = At(day.AddDays(i).ToDateTime(timeOfDay, DateTimeKind.Unspecified), zone);
            if (candidate > after)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No nightly run found within three days: the time zone's rules are inconsistent.");
    }

    /// <summary>The instant a local wall-clock time means: the end of a gap when it does not exist, the first of two when ambiguous.</summary>
    private static DateTimeOffset At(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            // Spring forward: the clock jumps over this time. Walk forward by minutes to the first time that exists.
            var probe = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
            do
            {
                probe = probe.AddMinutes(1);
            }
            while (zone.IsInvalidTime(probe));

            return new DateTimeOffset(probe, zone.GetUtcOffset(probe));
        }

        if (zone.IsAmbiguousTime(local))
        {
            // Fall back: the time happens twice. The first is the one with the larger offset (summer time).
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
