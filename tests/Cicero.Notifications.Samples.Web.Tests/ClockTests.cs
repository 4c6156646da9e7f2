using Cicero.Notifications.Samples.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests;

/// <summary>The clock moves a month: these tests run on a sample of their own, so the shared one keeps its day.</summary>
public sealed class ClockTests(WebSampleFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output), IAsyncLifetime
{
    private SampleApp? _app;
    private IBrowserContext? _context;

    public override async Task InitializeAsync()
    {
        _app = SampleApp.Start();
        _context = await Fixture.NewContextAsync(_app);
        await base.InitializeAsync();
        ExtraPages.Add(_page = await _context.NewPageAsync());
    }

    private IPage _page = null!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public Task A_month_later_the_nightly_jobs_anonymize_the_messages() => RunAsync(async () =>
    {
        await SignInAsync(_page);
        await _page.GotoAsync("/Outbox");
        (await _page.Locator("[data-testid=clock]").InnerTextAsync()).Should().StartWith("30.11.2026");

        await _page.GetByLabel("Dage").FillAsync("31");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Stil uret frem" }).ClickAsync();
        (await _page.Locator("[data-testid=clock]").InnerTextAsync()).Should().StartWith("31.12.2026");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Kør de natlige job nu" }).ClickAsync();

        (await _page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().MatchRegex(@"^Natlige job: [1-9]\d* beskeder anonymiseret");
        await _page.GotoAsync("/Borrowers/Detail?id=L-1001");
        var rows = await Rows(_page, "messages").AllInnerTextsAsync();
        rows.Should().NotBeEmpty().And.OnlyContain(r => r.Contains("(anonymiseret)"));
        string.Concat(rows).Should().NotContain("karen.holm@example.dk");
    });

    [Fact]
    public Task Three_days_later_an_unverified_email_is_deleted_and_its_held_message_becomes_a_letter() => RunAsync(async () =>
    {
        await SignInAsync(_page);
        await _page.GotoAsync("/Outbox");
        await _page.GetByLabel("Dage").FillAsync("4");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Stil uret frem" }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Kør de natlige job nu" }).ClickAsync();

        (await _page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("ubekræftede e-mailadresser slettet");
        await _page.GotoAsync("/Borrowers/Detail?id=L-1007&tab=contact");
        (await MainTextAsync(_page)).Should().NotContain("peter.lund@example.dk").And.Contain("Ingen kontaktoplysninger.");
        await _page.GotoAsync("/Borrowers/Detail?id=L-1007");
        (await Rows(_page, "messages").AllInnerTextsAsync()).Should().Contain(r => r.Contains("Velkomst til låner") && r.Contains("Brev"));
    });
}
