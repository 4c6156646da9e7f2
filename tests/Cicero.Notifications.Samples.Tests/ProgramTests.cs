using System.Diagnostics;
using Cicero.Notifications.Samples.Console;
using Cicero.Notifications.TestSupport;

namespace Cicero.Notifications.Samples.Tests;

/// <summary>The sample's command line: README's main command runs it with no options.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task Help_exits_with_zero()
    {
        using var output = new StringWriter();

        var exitCode = await Program.RunAsync(["--help"], output, TextWriter.Null);

        exitCode.Should().Be(0);
    }

    [Fact]
    public async Task Help_explains_the_data_folder_and_reset_options()
    {
        using var output = new StringWriter();

        await Program.RunAsync(["--help"], output, TextWriter.Null);

        output.ToString().Should().Contain("--data <folder>").And.Contain("--reset");
    }

    [Fact]
    public async Task Unknown_option_exits_with_two_and_names_it()
    {
        using var error = new StringWriter();

        var exitCode = await Program.RunAsync(["--frobnicate"], TextWriter.Null, error);

        (exitCode, error.ToString().Contains("'--frobnicate'", StringComparison.Ordinal)).Should().Be((2, true));
    }

    [Fact]
    public async Task Data_folder_that_is_a_file_exits_with_one_and_a_message_instead_of_a_stack_trace()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);
        var file = Path.Combine(folder.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "");
        using var error = new StringWriter();

        var exitCode = await Program.RunAsync(["--data", file], TextWriter.Null, error);

        (exitCode, error.ToString().Contains("   at ", StringComparison.Ordinal)).Should().Be((1, false));
    }

    [Fact]
    public async Task Built_sample_runs_the_whole_story_as_a_process_and_exits_with_zero()
    {
        using var folder = new TempFolder();
        var start = new ProcessStartInfo("dotnet", ["exec", SampleDll(), "--data", folder.Path]) { RedirectStandardOutput = true, RedirectStandardError = true };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        (process.ExitCode, (await output).Contains("== Summary ==", StringComparison.Ordinal)).Should().Be((0, true), errors);
    }

    /// <summary>The sample as built next to this test (same configuration), with its own runtime and dependency files.</summary>
    private static string SampleDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Repository.PathOf("samples", "Cicero.Notifications.Samples.Console", "bin", configuration, "net10.0", "Cicero.Notifications.Samples.Console.dll");
    }
}
