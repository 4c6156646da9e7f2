using Cicero.Notifications.Samples.Console;
using Cicero.Notifications.TestSupport;

namespace Cicero.Notifications.Samples.Tests;

/// <summary>The sample keeps its database: a second run works without --reset, and --reset starts over.</summary>
public sealed class RepeatedRunTests
{
    [Fact]
    public async Task Second_run_on_the_same_database_is_run_two()
    {
        using var folder = new TempFolder();
        await Program.TellTheStoryAsync(folder.Path, TextWriter.Null);

        var second = await Program.TellTheStoryAsync(folder.Path, TextWriter.Null);

        second.Run.Should().Be(2);
    }

    [Fact]
    public async Task Second_run_on_the_same_database_has_the_same_outcomes_as_the_first()
    {
        using var folder = new TempFolder();
        var first = await Program.TellTheStoryAsync(folder.Path, TextWriter.Null);

        var second = await Program.TellTheStoryAsync(folder.Path, TextWriter.Null);

        second.Should().BeEquivalentTo(first, o => o
            .Excluding(r => r.Run)
            .Excluding(r => r.PrintedHtmlPath)
            .Excluding(r => r.PrintRun!.HtmlPath)
            .Excluding(r => r.QueueBefore)
            .Excluding(r => r.QueueAfter));
    }

    [Fact]
    public async Task Second_run_finds_only_its_own_refused_sms_in_the_message_queue()
    {
        using var folder = new TempFolder();
        await Program.TellTheStoryAsync(folder.Path, TextWriter.Null);

        var second = await Program.TellTheStoryAsync(folder.Path, TextWriter.Null);

        second.QueueBefore.Select(q => q.BorrowerId.Value).Should().Equal("L-206");
    }

    [Fact]
    public async Task Reset_starts_over_at_run_one()
    {
        using var folder = new TempFolder();
        await Program.TellTheStoryAsync(folder.Path, TextWriter.Null);
        using var output = new StringWriter();

        await Program.RunAsync(["--data", folder.Path, "--reset"], output, TextWriter.Null);

        output.ToString().Should().Contain("Run 1 on this database");
    }
}
