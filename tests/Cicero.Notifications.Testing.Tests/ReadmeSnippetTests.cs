using Cicero.Notifications.TestSupport;

namespace Cicero.Notifications.Testing.Tests;

/// <summary>README's testing section shows the two files in Readme/ verbatim: they compile here and run as tests.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public void Readme_store_conformance_snippet_is_the_class_this_project_runs()
    {
        var snippet = ReadmeSnippet.Code("testing-store");

        snippet.Should().Be(ReadmeSnippet.CompiledFile("tests", "Cicero.Notifications.Testing.Tests", "Readme", "MyStoreConformanceTests.cs"));
    }

    [Fact]
    public void Readme_recording_channel_snippet_is_the_test_this_project_runs()
    {
        var snippet = ReadmeSnippet.Code("testing-channel");

        snippet.Should().Be(ReadmeSnippet.CompiledFile("tests", "Cicero.Notifications.Testing.Tests", "Readme", "ReservationNoticeTests.cs"));
    }
}
