using Cicero.Notifications.Samples.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests;

public sealed class BorrowerMessagesTests(WebSampleFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_borrower_found_by_name_shows_the_messages_tab_with_all_four_statuses() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Lånere" }).ClickAsync();
        await Page.GetByLabel("Lånernummer eller navn").FillAsync("sofie");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();
        (await Page.Locator("[data-testid=result-count]").InnerTextAsync()).Should().Be("1 lånere");
        await Page.GetByRole(AriaRole.Link, new() { Name = "L-1006" }).ClickAsync();

        (await Page.Locator("h1").InnerTextAsync()).Should().Be("Sofie Dahl (L-1006)");
        var statuses = await Page.Locator("table[data-testid=messages] tbody tr td:nth-child(4)").AllInnerTextsAsync();
        statuses.Should().HaveCount(5);
        statuses.Should().Contain(s => s.StartsWith("Afventer", StringComparison.Ordinal))
            .And.Contain("Sendt").And.Contain("Fejlet").And.Contain("Mangler kontaktoplysninger");
        var text = await MainTextAsync(Page);
        text.Should().Contain("HTTP 400: number not in service").And.Contain("+4531456789").And.Contain("Saldoopgørelse");
    });

    [Fact]
    public Task The_status_filter_shows_only_that_status() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Borrowers/Detail?id=L-1006");
        await Page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Fejlet" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();

        var statuses = await Page.Locator("table[data-testid=messages] tbody tr td:nth-child(4)").AllInnerTextsAsync();
        statuses.Should().Equal("Fejlet");
    });

    [Fact]
    public Task The_history_opens_on_demand_and_names_what_happened() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Borrowers/Detail?id=L-1006&status=Failed");
        var history = Page.Locator("table[data-testid=messages] details").First;
        (await history.Locator("ul").IsVisibleAsync()).Should().BeFalse();

        await history.Locator("summary").ClickAsync();

        (await history.Locator("ul").InnerTextAsync()).Should().Contain("Fejlet (Afventer → Fejlet), system: HTTP 400: number not in service");
    });

    [Fact]
    public Task Printing_a_message_serves_the_library_print_page_without_script() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Borrowers/Detail?id=L-1003");
        var popupTask = Page.Context.WaitForPageAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Udskriv" }).First.ClickAsync();
        var print = await popupTask;
        await print.WaitForLoadStateAsync();

        var text = await print.Locator("body").InnerTextAsync();
        text.Should().Contain("Eksempelby Bibliotek").And.Contain("Rykker").And.Contain("Ternet Ninja");
        (await print.Locator("script").CountAsync()).Should().Be(0);
        (await print.ContentAsync()).Should().NotContain("<script");
    });

    [Fact]
    public Task The_borrower_page_fits_1280_by_800() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/Borrowers/Detail?id=L-1006");

        var width = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        width.Should().BeLessThanOrEqualTo(1280);
        if (Environment.GetEnvironmentVariable("CICERO_SCREENSHOT") == "1")
        {
            var path = Path.Combine(RepositoryRoot(), "docs", "web-sample.png");
            await Page.ScreenshotAsync(new() { Path = path });
        }
    });

    [Theory]
    [InlineData("/Borrowers/Detail?id=L-1006")]
    [InlineData("/Borrowers/Detail?id=L-1006&tab=contact")]
    [InlineData("/Queue")]
    [InlineData("/Outbox")]
    public Task A_narrow_window_needs_no_sideways_scrolling_of_the_page(string path) => RunAsync(async () =>
    {
        await Page.SetViewportSizeAsync(390, 800);
        await SignInAsync(Page);
        await Page.GotoAsync(path);

        // Wide tables scroll inside their own box; the page itself stays as wide as the window.
        var width = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        width.Should().BeLessThanOrEqualTo(390);
    });

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Cicero.Notifications.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (with Cicero.Notifications.sln) was not found.");
    }
}
