namespace Cicero.Notifications.Configuration;

/// <summary>
/// Resolves the library's time zone (<see cref="CiceroNotificationsOptions.TimeZone"/>) and
/// reads the library's local date. Europe/Copenhagen works even on a machine without time-zone data.
/// </summary>
internal static class LibraryTimeZone
{
    private const string Copenhagen = "Europe/Copenhagen";

    /// <summary>Finds a time zone by IANA id. Europe/Copenhagen works even on a machine without time zone data (no tzdata).</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (string.Equals(id, Copenhagen, StringComparison.OrdinalIgnoreCase))
            {
                zone = BuiltInCopenhagen();
                return true;
            }

            return false;
        }
    }

    /// <summary>Finds a time zone that validation already accepted.</summary>
    public static TimeZoneInfo Find(string id)
        => TryFind(id, out var zone) ? zone : throw new InvalidOperationException($"Time zone '{id}' is not known on this machine: set TimeZone to an IANA id such as 'Europe/Copenhagen'.");

    /// <summary>Gets the library's local date at an instant.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>
    /// Denmark since 1996 (EU rules): CET (UTC+1), CEST (UTC+2) from the last Sunday of March at 02:00 to the last Sunday
    /// of October at 03:00 local time.
    /// </summary>
    internal static TimeZoneInfo BuiltInCopenhagen()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0, DateTimeKind.Unspecified), 3, 5, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0, DateTimeKind.Unspecified), 10, 5, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(1996, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone(Copenhagen, TimeSpan.FromHours(1), Copenhagen, "CET", "CEST", [rule]);
    }
}
