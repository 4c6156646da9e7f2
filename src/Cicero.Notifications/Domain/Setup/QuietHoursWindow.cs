namespace Cicero.Notifications.Domain;

/// <summary>
/// A daily window of the library's local time in which a protocol sends nothing, for example SMS not between 21:00 and
/// 08:00: <c>{ "From": "21:00", "To": "08:00" }</c>. A window may cross midnight; <see cref="From"/> equal to
/// <see cref="To"/> means no quiet hours (to switch a protocol's window off for one type).
/// </summary>
public sealed class QuietHoursWindow
{
    /// <summary>Gets or sets when the quiet hours begin, in the library's time zone.</summary>
    public TimeOnly From { get; set; }

    /// <summary>Gets or sets when they end, in the library's time zone: messages due in the window wait until then.</summary>
    public TimeOnly To { get; set; }

    /// <summary>
    /// Returns when the window that <paramref name="now"/> falls in ends (in UTC), or <see langword="null"/> when
    /// <paramref name="now"/> is outside it. Local times are the library's: an end that does not exist (the spring
    /// change) is the first local time after it; an end that exists twice (the autumn change) is the first of the two.
    /// </summary>
    /// <param name="now">The instant.</param>
    /// <param name="zone">The library's time zone.</param>
    /// <returns>The end of the window, or <see langword="null"/>.</returns>
    public DateTimeOffset? EndOfWindow(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (From == To)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var today = DateOnly.FromDateTime(local);
        DateOnly endDate;
        if (From < To) // "<=" is an equivalent mutant: equal times returned above.
        {
            if (time < From || time >= To)
            {
                return null;
            }

            endDate = today;
        }
        else if (time >= From)
        {
            endDate = today.AddDays(1); // In the evening part of a window across midnight.
        }
        else if (time < To)
        {
            endDate = today;
        }
        else
        {
            return null;
        }

        return ToUtc(endDate.ToDateTime(To), zone);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{From:HH\\:mm}–{To:HH\\:mm}";

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
