using Cicero.Notifications.Samples.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests;

public sealed class LanguageTests(WebSampleFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Switching_to_English_shows_the_pages_and_the_library_names_in_English() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Borrowers/Detail?id=L-1006");

        await Page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        Page.Url.Should().EndWith("/Borrowers/Detail?id=L-1006");
        (await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).InnerTextAsync()).Should().ContainAll("Borrowers", "Message queue", "Server setup");
        (await Page.Locator(".tabs").InnerTextAsync()).Should().Contain("Messages");
        var statuses = await Page.Locator("table[data-testid=messages] tbody tr td:nth-child(4)").AllInnerTextsAsync();
        statuses.Should().Contain("Sent").And.Contain("Failed").And.Contain("Missing contact information");
        (await Page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Dansk" }).ClickAsync();
        (await Page.Locator(".tabs").InnerTextAsync()).Should().Contain("Besked");
    });
}
