using Cicero.Notifications.Samples.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests;

/// <summary>
/// The Beskedkø. The seed puts a gateway refusal in the queue for every fourth borrower from L-1009 on (and Sofie Dahl);
/// each test acts on its own borrowers, so the order the tests run in does not matter.
/// </summary>
public sealed class MessageQueueTests(WebSampleFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task The_queue_lists_the_gateway_refusals_oldest_first() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Queue");

        (await Page.Locator("[data-testid=queue-count]").InnerTextAsync()).Should().MatchRegex(@"^\d+ beskeder i køen$");
        var text = await Rows(Page, "queue").AllInnerTextsAsync();
        text.Should().NotBeEmpty().And.OnlyContain(row => row.Contains("Fejlet") && row.Contains("HTTP 400: number not in service"));
        text[0].Should().Contain("Sofie Dahl");
    });

    [Fact]
    public Task The_queue_filters_by_branch_and_shows_its_name() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Queue");

        await Page.GetByLabel("Filial").SelectOptionAsync(new SelectOptionValue { Label = "Filial Nord" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filtrér" }).ClickAsync();

        var rows = await Rows(Page, "queue").AllInnerTextsAsync();
        rows.Should().NotBeEmpty().And.OnlyContain(r => r.Contains("Filial Nord"));
        Page.Url.Should().Contain("branch=Filial-Nord");
    });

    [Fact]
    public Task Retrying_one_message_takes_it_out_of_the_queue_and_the_history_names_who() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Behandl Lars Bech" }).ClickAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Prøv igen" }).ClickAsync();

        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Be("Beskeden sendes igen ved næste afsendelse.");
        (await Page.Locator("[data-testid=status]").InnerTextAsync()).Should().Be("Afventer");
        (await Page.Locator("[data-testid=history]").InnerTextAsync()).Should().Contain("Prøvet igen (Fejlet → Afventer), jens");
        await Page.GotoAsync("/Queue");
        (await MainTextAsync(Page)).Should().NotContain("Lars Bech");
    });

    [Fact]
    public Task Rerouting_one_message_makes_it_a_letter_that_waits_for_the_next_print_run() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Behandl Emil Thomsen" }).ClickAsync();

        await Page.GetByLabel("Anden protokol").SelectOptionAsync(new SelectOptionValue { Label = "Brev" });
        await Page.GetByLabel("Note (ingen personoplysninger)").FillAsync("Nummeret er ikke i brug");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send med anden protokol" }).ClickAsync();

        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("anden protokol");
        var message = await Page.Locator("table[data-testid=message]").InnerTextAsync();
        message.Should().Contain("Brev").And.Contain("Afventer");
        (await Page.Locator("[data-testid=history]").InnerTextAsync()).Should().Contain("Sendt med anden protokol (Fejlet → Afventer), jens: Moved from Sms to Print. Nummeret er ikke i brug");
        (await Page.Locator("[data-testid=status]").InnerTextAsync()).Should().Be("Afventer (venter på næste brevudskrivning)", "no channel sends a letter: staff print it on the Breve page");
    });

    [Fact]
    public Task Marking_one_message_handled_with_a_note_shows_it_sent_and_handled_manually() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Behandl William Dam" }).ClickAsync();

        await Page.GetByLabel("Note (ingen personoplysninger)").FillAsync("Ringet op på biblioteket");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Markér som håndteret" }).ClickAsync();

        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Be("Beskeden er markeret som håndteret.");
        (await Page.Locator("[data-testid=status]").InnerTextAsync()).Should().Be("Sendt (håndteret manuelt)");
        (await Page.Locator("[data-testid=history]").InnerTextAsync()).Should().Contain("Håndteret manuelt (Fejlet → Sendt), jens: Ringet op på biblioteket");
    });

    [Fact]
    public Task Dismissing_one_message_takes_it_out_of_the_queue_and_it_stays_failed() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Behandl Viktor Holt" }).ClickAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Fjern fra køen" }).ClickAsync();

        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Be("Beskeden er fjernet fra køen (status Fejlet).");
        (await Page.Locator("[data-testid=status]").InnerTextAsync()).Should().Be("Fejlet (fjernet fra køen)");
        await Page.GotoAsync("/Queue");
        (await MainTextAsync(Page)).Should().NotContain("Viktor Holt");
    });

    [Fact]
    public Task Bulk_retry_of_several_selected_messages_reports_each_and_empties_them_from_the_queue() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Queue");
        foreach (var borrower in new[] { "L-1021", "L-1025", "L-1029" })
        {
            await Page.Locator($"tr[data-borrower={borrower}] input[type=checkbox]").CheckAsync();
        }

        await Page.GetByLabel("Handling", new() { Exact = true }).SelectOptionAsync("retry");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Udfør for de valgte" }).ClickAsync();

        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Be("3 lykkedes, 0 afvist, 0 ændret af en anden først.");
        var rows = await Rows(Page, "queue").AllInnerTextsAsync();
        rows.Should().NotContain(r => r.Contains("Oscar Brandt") || r.Contains("Aksel Bang") || r.Contains("Frederik Bay"));
    });

    [Fact]
    public Task Two_staff_acting_on_one_message_the_second_sees_a_conflict_and_the_refreshed_message() => RunAsync(async () =>
    {
        await using var other = await Fixture.NewContextAsync();
        var marie = await other.NewPageAsync();
        ExtraPages.Add(marie);
        await SignInAsync(Page, "jens");
        await SignInAsync(marie, "marie");
        await Page.GotoAsync("/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Behandl Oliver Skov" }).ClickAsync();
        await marie.GotoAsync(Page.Url);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Prøv igen" }).ClickAsync();
        await marie.GetByRole(AriaRole.Button, new() { Name = "Markér som håndteret" }).ClickAsync();

        (await marie.Locator("[data-testid=conflict]").InnerTextAsync()).Should().StartWith("En anden har ændret beskeden");
        (await marie.Locator("[data-testid=status]").InnerTextAsync()).Should().Be("Afventer");
        (await marie.Locator("[data-testid=history]").InnerTextAsync()).Should().Contain("jens").And.NotContain("marie");
    });
}
