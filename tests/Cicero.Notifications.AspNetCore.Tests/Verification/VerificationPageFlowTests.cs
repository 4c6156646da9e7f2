using System.Net;

namespace Cicero.Notifications.AspNetCore.Tests.Verification;

/// <summary>The borrower's way through the page on real Kestrel: GET shows a button, only the POST verifies.</summary>
public sealed class VerificationPageFlowTests
{
    [Fact]
    public async Task Get_shows_a_form_with_one_button_and_the_token_in_a_hidden_field()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();

        var page = await h.OpenAsync(link);

        page.Html.Should().Contain("data-state=\"confirm\"").And.Contain("Bekræft din e-mailadresse").And.Contain(VerificationPageHarness.LibraryName);
        page.Html.Split("<button").Should().HaveCount(2, "the page has exactly one button");
        page.Fields.Should().Contain("token", VerificationPageHarness.TokenOf(link)).And.ContainKey("__RequestVerificationToken");
        page.Action.Should().Be(VerificationPageHarness.Path, "the form posts the token in its body, not in the query string");
    }

    [Fact]
    public async Task Get_does_not_verify_the_address()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();

        await h.OpenAsync(link);

        (await h.IsUnverifiedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Scanner_get_does_not_consume_the_token()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        (await h.GetAsync(link)).Dispose();
        using (var head = new HttpRequestMessage(HttpMethod.Head, link))
        {
            (await h.Client.SendAsync(head)).Dispose();
        }

        (await h.GetAsync(link)).Dispose();

        (await h.OpenAsync(link)).Html.Should().Contain("data-state=\"confirm\"", "the link still works for the borrower");
    }

    [Fact]
    public async Task After_scanner_gets_the_borrower_verifies_with_the_button()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        (await h.GetAsync(link)).Dispose();
        (await h.GetAsync(link)).Dispose();

        using var response = await h.VerifyInBrowserAsync(link);

        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"verified\"");
        (await h.IsUnverifiedAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Post_with_the_form_verifies_the_address_and_says_so()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();

        using var response = await h.VerifyInBrowserAsync(link);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"verified\"").And.Contain("din e-mailadresse er bekræftet");
        (await h.IsUnverifiedAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Second_post_says_already_verified()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var page = await h.OpenAsync(link);
        (await h.ClickAsync(page)).Dispose();

        using var second = await h.ClickAsync(page);

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).Should().Contain("data-state=\"already_verified\"").And.Contain("allerede bekræftet");
    }

    [Fact]
    public async Task Get_after_verification_says_already_verified_without_a_button()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        (await h.VerifyInBrowserAsync(link)).Dispose();

        using var response = await h.GetAsync(link);

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-state=\"already_verified\"").And.NotContain("<form").And.NotContain(VerificationPageHarness.TokenOf(link));
    }

    [Fact]
    public async Task Post_after_the_window_says_expired_and_to_ask_for_a_new_link()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var page = await h.OpenAsync(link);
        h.Host.Time.Advance(TimeSpan.FromDays(3));

        using var response = await h.ClickAsync(page);

        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"expired\"").And.Contain("Linket er udløbet").And.Contain("bed om at få sendt et nyt link");
        (await h.IsUnverifiedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Get_after_the_window_says_expired_without_a_button()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        h.Host.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));

        using var response = await h.GetAsync(link);

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-state=\"expired\"").And.Contain("bed om at få sendt et nyt link").And.NotContain("<form");
    }

    [Fact]
    public async Task A_second_before_the_window_ends_the_button_still_verifies()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        h.Host.Time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));

        using var response = await h.VerifyInBrowserAsync(link);

        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"verified\"");
    }

    [Theory]
    [InlineData("?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("?token=not-a-token")]
    [InlineData("?token=")]
    [InlineData("")]
    [InlineData("?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_or_malformed_token_says_the_link_does_not_work_and_to_ask_for_a_new_link(string query)
    {
        await using var h = await VerificationPageHarness.StartAsync();
        await h.BorrowerWithLinkAsync();

        using var response = await h.GetAsync(VerificationPageHarness.Path + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-state=\"unknown\"").And.Contain("Linket virker ikke").And.Contain("bed om at få sendt et nyt link").And.NotContain("<form");
    }

    [Fact]
    public async Task Post_of_an_unknown_token_with_a_valid_form_says_unknown_and_changes_nothing()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var page = await h.OpenAsync(link);
        var forged = page with { Fields = new Dictionary<string, string>(page.Fields) { ["token"] = new string('B', 43) } };

        using var response = await h.ClickAsync(forged);

        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"unknown\"");
        (await h.IsUnverifiedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task A_resent_link_makes_the_old_one_unknown()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var old = await h.BorrowerWithLinkAsync();
        await h.Profiles.ResendVerificationAsync(Domain.BorrowerId.Parse("L-1001"), VerificationPageHarness.Address);

        using var response = await h.GetAsync(old);

        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"unknown\"");
    }
}
