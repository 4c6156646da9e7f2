using Cicero.Notifications.TestSupport;

namespace Cicero.Notifications.Tests.DependencyInjection;

public sealed class ReadmeQuickStartTests
{
    [Fact]
    public void Readme_quick_start_is_the_snippet_that_the_sample_project_compiles()
    {
        var snippet = ReadmeSnippet.Code("quick-start");

        snippet.Should().Be(ReadmeSnippet.CompiledFile("tests", "Cicero.Notifications.QuickStart", "Program.cs"));
    }

    [Fact]
    public void Readme_quick_start_runs_and_sends_the_sms()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var program = Repository.PathOf("tests", "Cicero.Notifications.QuickStart", "bin", configuration, "net10.0", "Cicero.Notifications.QuickStart.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["exec", program]) { RedirectStandardOutput = true, RedirectStandardError = true };

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue();

        process.ExitCode.Should().Be(0, errors);
        output.Should().Contain("Sms to +4520123456: Eksempelby Bibliotek: Din reservering \"Kongens Fald\" er klar til afhentning");
    }
}
