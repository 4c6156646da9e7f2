using Cicero.Notifications.Samples.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests;

public sealed class LoginTests(WebSampleFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_page_without_a_login_asks_for_one() => RunAsync(async () =>
    {
        await Page.GotoAsync("/Queue");

        Page.Url.Should().Contain("/Login");
        (await Page.Locator("h1").InnerTextAsync()).Should().Be("Log ind som medarbejder");
    });

    [Fact]
    public Task Staff_sign_in_and_see_their_name_and_the_menu() => RunAsync(async () =>
    {
        await SignInAsync(Page, "marie");

        (await Page.Locator("[data-testid=staff]").InnerTextAsync()).Should().Be("marie");
        (await Page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).InnerTextAsync()).Should().ContainAll("Lånere", "Beskedkø", "Serveropsætning", "Prøveudbakke");
    });

    [Fact]
    public Task A_wrong_password_is_refused() => RunAsync(async () =>
    {
        await Page.GotoAsync("/Login");
        await Page.GetByLabel("Brugernavn").FillAsync("jens");
        await Page.GetByLabel("Adgangskode").FillAsync("forkert");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        (await Page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Be("Forkert brugernavn eller adgangskode.");
    });
}
