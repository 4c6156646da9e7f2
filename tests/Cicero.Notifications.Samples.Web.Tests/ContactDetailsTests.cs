using Cicero.Notifications.Samples.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests;

public sealed class ContactDetailsTests(WebSampleFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Contact_details_show_purpose_source_and_verification_state() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Borrowers/Detail?id=L-1001");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Kontaktoplysninger" }).ClickAsync();

        var rows = await Rows(Page, "contacts").AllInnerTextsAsync();
        rows.Should().Contain(r => r.Contains("+4520123456") && r.Contains("(notif)") && r.Contains("Import") && r.Contains("Ikke nødvendig"));
        rows.Should().Contain(r => r.Contains("karen.holm@example.dk") && r.Contains("(notif)") && r.Contains("Import") && r.Contains("Bekræftet"));
    });

    [Fact]
    public Task Resending_the_verification_sends_a_new_link_and_the_old_one_stops_working() => RunAsync(async () =>
    {
        const string email = "peter.lund@example.dk";
        await SignInAsync(Page);
        await Page.GotoAsync("/Borrowers/Detail?id=L-1007&tab=contact");

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Send bekræftelse igen til {email}" }).ClickAsync();
        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Be("En ny bekræftelsesmail sendes ved næste afsendelse.");

        await Page.GotoAsync("/Outbox");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send ventende beskeder nu" }).ClickAsync();
        var links = Page.GetByRole(AriaRole.Link, new() { Name = $"Åbn bekræftelseslinket til {email}" });
        (await links.CountAsync()).Should().Be(2, "the first mail and the resent one are in the outbox, newest first");
        var oldLink = await links.Nth(1).GetAttributeAsync("href");

        // The borrower opens it in their own browser, not signed in: the verification page needs no staff login.
        await using var borrower = await Fixture.NewContextAsync();
        var page = await borrower.NewPageAsync();
        ExtraPages.Add(page);
        await page.GotoAsync(oldLink!);
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Linket virker ikke");
    });

    [Fact]
    public Task Removing_a_phone_number_takes_it_off_the_borrower() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Borrowers/Detail?id=L-1010&tab=contact");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Fjern +4522330900" }).ClickAsync();

        (await Page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Be("Kontaktoplysningen er fjernet.");
        (await MainTextAsync(Page)).Should().Contain("Ingen kontaktoplysninger.").And.NotContain("+4522330900");
    });
}
