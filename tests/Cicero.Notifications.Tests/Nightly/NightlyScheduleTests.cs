using Cicero.Notifications.Configuration;
using System.Globalization;
using Cicero.Notifications.Nightly;

namespace Cicero.Notifications.Tests.Nightly;

public sealed class NightlyScheduleTests
{
    private static readonly TimeOnly TwoAm = new(2, 0);
    private static readonly TimeZoneInfo Copenhagen = LibraryTimeZone.Find("Europe/Copenhagen");

    [Theory]
    [InlineData("2026-03-10T12:00:00Z", "2026-03-11T01:00:00Z")] // winter: 02:00 CET
    [InlineData("2026-03-10T00:30:00Z", "2026-03-10T01:00:00Z")] // 01:30 local: tonight's run is still ahead
    [InlineData("2026-03-10T01:00:00Z", "2026-03-11T01:00:00Z")] // exactly at the run: the next one is tomorrow
    [InlineData("2026-06-15T12:00:00Z", "2026-06-16T00:00:00Z")] // summer: 02:00 CEST
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01T01:00:00Z")] // over the new year
    public void The_next_run_is_at_two_oclock_Copenhagen_time(string after, string expected)
    {
        var next = NightlySchedule.Next(Instant(after), TwoAm, Copenhagen);

        next.Should().Be(Instant(expected));
    }

    [Fact]
    public void On_the_spring_forward_night_the_run_is_at_three_oclock_when_two_does_not_exist()
    {
        var next = NightlySchedule.Next(Instant("2026-03-28T12:00:00Z"), TwoAm, Copenhagen);

        TimeZoneInfo.ConvertTime(next, Copenhagen).Should().Be(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void The_night_after_spring_forward_runs_at_two_oclock_summer_time()
    {
        var next = NightlySchedule.Next(Instant("2026-03-29T01:00:00Z"), TwoAm, Copenhagen);

        next.Should().Be(Instant("2026-03-30T00:00:00Z"));
    }

    [Fact]
    public void A_run_time_inside_the_spring_gap_moves_to_the_end_of_the_gap()
    {
        var next = NightlySchedule.Next(Instant("2026-03-28T12:00:00Z"), new TimeOnly(2, 30), Copenhagen);

        next.Should().Be(Instant("2026-03-29T01:00:00Z"));
    }

    [Fact]
    public void On_the_fall_back_night_the_run_is_at_the_first_of_the_two_oclocks()
    {
        var next = NightlySchedule.Next(Instant("2026-10-24T12:00:00Z"), TwoAm, Copenhagen);

        next.Should().Be(Instant("2026-10-25T00:00:00Z"));
    }

    [Fact]
    public void After_the_fall_back_run_the_second_two_oclock_is_skipped()
    {
        var next = NightlySchedule.Next(Instant("2026-10-25T00:00:00Z"), TwoAm, Copenhagen);

        next.Should().Be(Instant("2026-10-26T01:00:00Z"));
    }

    [Fact]
    public void Between_the_two_fall_back_two_oclocks_the_next_run_is_the_following_night()
    {
        var next = NightlySchedule.Next(Instant("2026-10-25T00:30:00Z"), TwoAm, Copenhagen);

        next.Should().Be(Instant("2026-10-26T01:00:00Z"));
    }

    [Fact]
    public void Any_time_zone_can_be_used()
    {
        var next = NightlySchedule.Next(Instant("2026-03-10T12:00:00Z"), new TimeOnly(3, 15), TimeZoneInfo.Utc);

        next.Should().Be(Instant("2026-03-11T03:15:00Z"));
    }

    [Fact]
    public void Every_night_of_a_year_gets_exactly_one_run()
    {
        var runs = new List<DateTimeOffset>();
        var at = Instant("2025-12-31T12:00:00Z");
        while (at < Instant("2026-12-31T12:00:00Z"))
        {
            at = NightlySchedule.Next(at, TwoAm, Copenhagen);
            runs.Add(at);
        }

        // From 1 January 2026 to the run on the night of 1 January 2027: every local date once, none skipped.
        runs.Select(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r, Copenhagen).DateTime))
            .Should().Equal(Enumerable.Range(0, 366).Select(d => new DateOnly(2026, 1, 1).AddDays(d)));
    }

    [Fact]
    public void The_built_in_Copenhagen_rules_match_the_system_time_zone_data_in_2026()
    {
        var builtIn = LibraryTimeZone.BuiltInCopenhagen();
        var hours = Enumerable.Range(0, 366 * 24).Select(h => Instant("2026-01-01T00:30:00Z").AddHours(h));

        var differing = hours.Where(h => builtIn.GetUtcOffset(h) != Copenhagen.GetUtcOffset(h));

        differing.Should().BeEmpty();
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
