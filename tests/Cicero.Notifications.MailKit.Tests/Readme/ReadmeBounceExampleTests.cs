using Cicero.Notifications.TestSupport;

namespace Cicero.Notifications.MailKit.Tests.Readme;

/// <summary>README's bounce mailbox example is <c>BounceMailbox.cs</c> in this folder verbatim, so it compiles with the package.</summary>
public sealed class ReadmeBounceExampleTests
{
    [Fact]
    public void Readme_bounce_mailbox_snippet_is_the_class_this_project_compiles()
    {
        var snippet = ReadmeSnippet.Code("bounce-mailbox");

        snippet.Should().Be(ReadmeSnippet.CompiledFile("tests", "Cicero.Notifications.MailKit.Tests", "Readme", "BounceMailbox.cs"));
    }
}
