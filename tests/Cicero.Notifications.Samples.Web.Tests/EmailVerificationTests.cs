using Cicero.Notifications.Samples.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests;

public sealed class EmailVerificationTests(WebSampleFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task An_email_added_by_hand_is_verified_from_the_outbox_link_and_the_held_message_is_then_sent() => RunAsync(async () =>
    {
        const string email = "jonas.krogh@example.dk";
        await SignInAsync(Page);

        // Staff add the address at the desk; a notice created meanwhile waits for the verification.
        await Page.GotoAsync("/Borrowers/Detail?id=L-1004&tab=contact");
        await Page.GetByLabel("E-mailadresse").FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tilføj e-mailadresse" }).ClickAsync();
        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("En bekræftelsesmail sendes");
        (await Rows(Page, "contacts").InnerTextAsync()).Should().Contain(email).And.Contain("Manuel").And.Contain("Afventer bekræftelse");

        await Page.GotoAsync("/Borrowers/Detail?id=L-1004");
        await Page.GetByLabel("Beskedtype").SelectOptionAsync("DueDateReminder");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send besked" }).ClickAsync();
        (await ReminderAsync()).Should().Contain("Afventer (afventer bekræftelse)");

        // The verification mail goes out; its link opens the library's verification page.
        await Page.GotoAsync("/Outbox");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send ventende beskeder nu" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Åbn bekræftelseslinket til {email}" }).ClickAsync();
        (await Page.Locator("h1").InnerTextAsync()).Should().Be("Bekræft din e-mailadresse");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Bekræft e-mailadresse" }).ClickAsync();
        (await Page.Locator("h1").InnerTextAsync()).Should().Be("Tak – din e-mailadresse er bekræftet");

        // The next dispatch sends the held reminder.
        await Page.GotoAsync("/Outbox");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send ventende beskeder nu" }).ClickAsync();
        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().StartWith("Afsendelse:");
        (await Rows(Page, "outbox").AllInnerTextsAsync()).Where(r => r.Contains(email) && r.Contains("delivered")).Should().HaveCount(2, "the verification mail and the reminder went out");

        await Page.GotoAsync("/Borrowers/Detail?id=L-1004");
        (await ReminderAsync()).Should().Contain("Påmindelse om afleveringsdato").And.Contain(email).And.Contain("Sendt").And.NotContain("Afventer");
        await Page.GotoAsync("/Borrowers/Detail?id=L-1004&tab=contact");
        (await Rows(Page, "contacts").InnerTextAsync()).Should().Contain("Bekræftet");
    });

    private Task<string> ReminderAsync() => Rows(Page, "messages").Filter(new() { HasText = "Påmindelse om afleveringsdato" }).InnerTextAsync();

    [Fact]
    public Task Digital_Post_without_a_CPR_number_is_refused_with_the_library_message() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Borrowers/Detail?id=L-1002&tab=contact");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Slå Digital Post til" }).ClickAsync();

        (await Page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("cannot switch on Digital Post without a CPR or CVR number");
        (await Page.Locator("[data-testid=opt-DigitalPost]").InnerTextAsync()).Should().Be("Digital Post: slået fra");
    });
}
