using Cicero.Notifications.Samples.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests;

/// <summary>Breve: staff print the waiting letters in one run, open the run's document, and the letters are sent in their name.</summary>
public sealed class LetterTests(WebSampleFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Printing_the_waiting_letters_makes_a_run_whose_document_opens_and_whose_letters_are_sent() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Letters");

        // The seed's letters are all at the main library: printing the north branch's finds none, the main library's all.
        await Page.GetByLabel("Filial").SelectOptionAsync(new SelectOptionValue { Label = "Filial Nord" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Udskriv ventende breve" }).ClickAsync();
        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Be("Ingen breve ventede.");
        await Page.GetByLabel("Filial").SelectOptionAsync(new SelectOptionValue { Label = "Hovedbiblioteket" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Udskriv ventende breve" }).ClickAsync();

        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().MatchRegex(@"^\d+ breve er udskrevet og markeret som sendt\.$", "the seed leaves letters for borrowers without contact details");
        (await Page.Locator("[data-testid=recent-runs] tbody tr").First.Locator("td").Nth(1).InnerTextAsync()).Should().Be("Hovedbiblioteket");
        var letters = Page.Locator("[data-testid=letters] a");
        var printed = await letters.CountAsync();
        printed.Should().BePositive();
        var popupTask = Page.Context.WaitForPageAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Åbn brevene til udskrift" }).ClickAsync();
        var document = await popupTask;
        await document.WaitForLoadStateAsync();
        (await document.Locator("section.letter").CountAsync()).Should().Be(await letters.CountAsync());
        (await document.ContentAsync()).Should().Contain("Eksempelby Bibliotek").And.NotContain("<script");

        await letters.First.ClickAsync();
        (await Page.Locator("[data-testid=status]").InnerTextAsync()).Should().Be("Sendt");
        (await Page.Locator("[data-testid=history] li").Last.InnerTextAsync()).Should().Contain("Udskrevet i brevkørsel").And.Contain(", jens: Printed in letter run", "the run records the signed-in staff member");
        await Page.GotoAsync("/Letters");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Udskriv ventende breve" }).ClickAsync();
        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Be("Ingen breve ventede.");

        // The run is listed (newest first) and opens again with the same letters, as for a jammed printer.
        var recent = Page.Locator("[data-testid=recent-runs] tbody tr");
        (await recent.CountAsync()).Should().BeGreaterThan(0);
        (await recent.First.Locator("td").Nth(2).InnerTextAsync()).Should().Be(printed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await recent.First.GetByRole(AriaRole.Link, new() { Name = "Vis" }).ClickAsync();
        (await letters.CountAsync()).Should().Be(printed);
    });
}
