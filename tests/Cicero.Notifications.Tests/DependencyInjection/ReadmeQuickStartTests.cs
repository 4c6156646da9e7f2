namespace Cicero.Notifications.Tests.DependencyInjection;

public sealed class ReadmeQuickStartTests
{
    [Fact]
    public void Readme_quick_start_is_the_snippet_that_the_sample_project_compiles()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf("<!-- quick-start -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- /quick-start -->", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "README.md marks its quick start with <!-- quick-start -->");

        var snippet = readme[start..end].Split('\n').SkipWhile(l => !l.StartsWith("```csharp", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal));
        var compiled = File.ReadAllText(Path.Combine(root, "tests", "Cicero.Notifications.QuickStart", "Program.cs"));

        Normalize(string.Join('\n', snippet)).Should().Be(Normalize(compiled));
    }

    [Fact]
    public void Readme_quick_start_runs_and_sends_the_sms()
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var program = Path.Combine(root, "tests", "Cicero.Notifications.QuickStart", "bin", configuration, "net10.0", "Cicero.Notifications.QuickStart.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["exec", program]) { RedirectStandardOutput = true, RedirectStandardError = true };

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue();

        process.ExitCode.Should().Be(0, errors);
        output.Should().Contain("Sms to +4520123456: Eksempelby Bibliotek: Din reservering \"Kongens Fald\" er klar til afhentning");
    }

    private static string Normalize(string code) => string.Join('\n', code.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim();

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cicero.Notifications.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Cicero.Notifications.sln).");
    }
}
