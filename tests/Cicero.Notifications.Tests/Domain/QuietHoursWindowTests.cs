using Cicero.Notifications.Configuration;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>A quiet-hours window in the library's local time, across midnight and both daylight-saving changes of 2027.</summary>
public sealed class QuietHoursWindowTests
{
    private static readonly TimeZoneInfo Copenhagen = LibraryTimeZone.Find("Europe/Copenhagen");
    private static readonly QuietHoursWindow Night = new() { From = new TimeOnly(21, 0), To = new TimeOnly(8, 0) };

    [Theory]
    [InlineData("2027-01-12T19:59:59Z", null)]                    // 20:59:59 local: before the window
    [InlineData("2027-01-12T20:00:00Z", "2027-01-13T07:00:00Z")]  // 21:00 local: the evening part ends at 08:00 tomorrow
    [InlineData("2027-01-12T23:30:00Z", "2027-01-13T07:00:00Z")]  // 00:30 local: the morning part ends at 08:00 today
    [InlineData("2027-01-13T06:59:59Z", "2027-01-13T07:00:00Z")]
    [InlineData("2027-01-13T07:00:00Z", null)]                    // 08:00 local: the window has ended
    [InlineData("2027-01-13T11:00:00Z", null)]
    public void A_window_across_midnight_holds_the_night_in_local_time(string now, string? end)
        => Night.EndOfWindow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Copenhagen)
            .Should().Be(end is null ? null : DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void The_night_of_the_spring_change_ends_at_8_summer_time()
    {
        // 27 March 2027 22:00 CET; the clocks go from 02:00 to 03:00 on 28 March; 08:00 CEST is 06:00 UTC.
        Night.EndOfWindow(new DateTimeOffset(2027, 3, 27, 21, 0, 0, TimeSpan.Zero), Copenhagen).Should().Be(new DateTimeOffset(2027, 3, 28, 6, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_night_of_the_autumn_change_ends_at_8_winter_time()
    {
        // 30 October 2027 22:00 CEST; the clocks go from 03:00 back to 02:00 on 31 October; 08:00 CET is 07:00 UTC.
        Night.EndOfWindow(new DateTimeOffset(2027, 10, 30, 20, 0, 0, TimeSpan.Zero), Copenhagen).Should().Be(new DateTimeOffset(2027, 10, 31, 7, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_window_ending_in_the_hour_that_does_not_exist_ends_when_the_clocks_reach_3()
    {
        var window = new QuietHoursWindow { From = new TimeOnly(22, 0), To = new TimeOnly(2, 30) };

        window.EndOfWindow(new DateTimeOffset(2027, 3, 27, 22, 0, 0, TimeSpan.Zero), Copenhagen).Should().Be(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_window_ending_in_the_hour_that_happens_twice_ends_at_its_first_occurrence()
    {
        var window = new QuietHoursWindow { From = new TimeOnly(22, 0), To = new TimeOnly(2, 30) };

        window.EndOfWindow(new DateTimeOffset(2027, 10, 30, 21, 0, 0, TimeSpan.Zero), Copenhagen).Should().Be(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_daytime_window_and_an_empty_window()
    {
        var lunch = new QuietHoursWindow { From = new TimeOnly(12, 0), To = new TimeOnly(13, 0) };
        var none = new QuietHoursWindow { From = new TimeOnly(9, 0), To = new TimeOnly(9, 0) };
        var noon = new DateTimeOffset(2027, 1, 12, 11, 30, 0, TimeSpan.Zero); // 12:30 local

        (lunch.EndOfWindow(noon, Copenhagen), lunch.EndOfWindow(noon.AddHours(1), Copenhagen), none.EndOfWindow(noon, Copenhagen))
            .Should().Be((new DateTimeOffset(2027, 1, 12, 12, 0, 0, TimeSpan.Zero), (DateTimeOffset?)null, (DateTimeOffset?)null));
    }

    [Theory]
    [InlineData("2027-01-12T10:59:59Z", null)]                    // 11:59:59 local: before the window
    [InlineData("2027-01-12T11:00:00Z", "2027-01-12T12:00:00Z")]  // 12:00 local: the window begins
    [InlineData("2027-01-12T11:59:59Z", "2027-01-12T12:00:00Z")]
    [InlineData("2027-01-12T12:00:00Z", null)]                    // 13:00 local: the window has ended
    public void A_daytime_window_holds_from_its_start_up_to_but_not_including_its_end(string now, string? end)
        => new QuietHoursWindow { From = new TimeOnly(12, 0), To = new TimeOnly(13, 0) }
            .EndOfWindow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Copenhagen)
            .Should().Be(end is null ? null : DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_window_shows_its_local_times()
        => Night.ToString().Should().Be("21:00–08:00");

    [Fact]
    public void A_window_needs_a_time_zone()
    {
        var act = () => Night.EndOfWindow(DateTimeOffset.UnixEpoch, null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("zone");
    }
}
