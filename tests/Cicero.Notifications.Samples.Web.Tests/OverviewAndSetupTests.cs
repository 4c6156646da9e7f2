using Cicero.Notifications.Samples.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests;

public sealed class OverviewAndSetupTests(WebSampleFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task The_overview_draws_the_counts_by_status_and_protocol_and_names_the_queue_depth() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GotoAsync("/");

        (await Page.Locator("[data-testid=queue-depth]").InnerTextAsync()).Should().MatchRegex(@"^Beskedkø: [1-9]\d* beskeder");
        var charts = Page.Locator("main svg[role=img]");
        (await charts.CountAsync()).Should().Be(2);
        (await charts.Nth(0).GetAttributeAsync("aria-label")).Should().MatchRegex(@"Afventer: \d+, Sendt: [1-9]\d*, Fejlet: [1-9]\d*, Mangler kontaktoplysninger: [1-9]\d*");
        (await charts.Nth(1).GetAttributeAsync("aria-label")).Should().Contain("SMS: ").And.Contain("E-mail: ").And.Contain("Digital Post: ");
        (await Page.Locator("[data-testid=health]").InnerTextAsync()).Should().MatchRegex(@"^cicero-notifications: (Healthy|Degraded) – ");
    });

    [Fact]
    public Task The_server_setup_shows_each_type_with_its_protocols_in_order_and_the_templates() => RunAsync(async () =>
    {
        await SignInAsync(Page);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Serveropsætning" }).ClickAsync();

        var types = await Rows(Page, "types").AllInnerTextsAsync();
        types.Should().Contain(r => r.Contains("Rykker for overskredet afleveringsdato") && r.Contains("1. SMS, 2. E-mail, 3. Digital Post") && r.EndsWith("Brev", StringComparison.Ordinal));
        types.Should().Contain(r => r.Contains("Saldoopgørelse") && r.Contains("1. Digital Post") && r.EndsWith("ingen", StringComparison.Ordinal));
        (await MainTextAsync(Page)).Should().Contain("Print: Brev / Letter");
        (await Rows(Page, "templates").AllInnerTextsAsync()).Should().Contain(r => r.Contains("BalanceStatement") && r.Contains("en") && r.Contains("Balance statement"));
    });
}
