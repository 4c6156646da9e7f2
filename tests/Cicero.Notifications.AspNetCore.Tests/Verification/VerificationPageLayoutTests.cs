using Microsoft.Extensions.Options;

namespace Cicero.Notifications.AspNetCore.Tests.Verification;

/// <summary>The page's language (the verification mail's) and the host's own layouts.</summary>
public sealed class VerificationPageLayoutTests
{
    private const string OwnEnglishLayout = """
        <!DOCTYPE html><html lang="{{ culture }}"><body data-own-layout="{{ state }}">
        <h1>{{ library_name }}: {{ state }}</h1>
        {{ if state == "confirm" }}<form method="post" action="{{ form_action }}">{{ form_fields }}<button type="submit">Yes, it is mine</button></form>{{ end }}
        </body></html>
        """;

    [Fact]
    public async Task Danish_mail_gets_the_Danish_page()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();

        var page = await h.OpenAsync(link);

        page.Html.Should().Contain("<html lang=\"da-DK\">").And.Contain("Bekræft e-mailadresse</button>");
    }

    [Fact]
    public async Task English_mail_gets_the_English_page()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync(culture: "en-GB");

        var page = await h.OpenAsync(link);

        link.Should().Contain("culture=en-GB");
        page.Html.Should().Contain("<html lang=\"en-GB\">").And.Contain("Verify e-mail address</button>");
    }

    [Fact]
    public async Task English_mail_gets_the_English_result_after_the_click()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync(culture: "en-GB");

        using var response = await h.VerifyInBrowserAsync(link);

        (await response.Content.ReadAsStringAsync()).Should().Contain("your e-mail address is verified").And.Contain("<html lang=\"en-GB\">");
    }

    [Fact]
    public async Task English_link_that_no_longer_works_is_answered_in_English()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync(culture: "en-GB");
        h.Host.Time.Advance(TimeSpan.FromDays(4));

        using var response = await h.GetAsync(link);

        (await response.Content.ReadAsStringAsync()).Should().Contain("The link has expired").And.Contain("ask them to send you a new link");
    }

    [Theory]
    [InlineData("xx-NOPE")]
    [InlineData("<script>")]
    [InlineData("")]
    public async Task An_unknown_culture_in_the_link_gets_the_default_language(string culture)
    {
        await using var h = await VerificationPageHarness.StartAsync();
        await h.BorrowerWithLinkAsync();

        using var response = await h.GetAsync($"{VerificationPageHarness.Path}?token=x&culture={Uri.EscapeDataString(culture)}");

        (await response.Content.ReadAsStringAsync()).Should().Contain("<html lang=\"da-DK\">").And.Contain("Linket virker ikke");
    }

    [Fact]
    public async Task Host_layout_for_a_culture_replaces_the_shipped_one()
    {
        await using var h = await VerificationPageHarness.StartAsync(page: p => p.Layouts["en"] = OwnEnglishLayout);
        var link = await h.BorrowerWithLinkAsync(culture: "en-GB");

        var page = await h.OpenAsync(link);

        page.Html.Should().Contain("data-own-layout=\"confirm\"").And.Contain("Yes, it is mine");
    }

    [Fact]
    public async Task Host_layout_for_one_culture_leaves_the_others_shipped()
    {
        await using var h = await VerificationPageHarness.StartAsync(page: p => p.Layouts["en"] = OwnEnglishLayout);
        var link = await h.BorrowerWithLinkAsync();

        var page = await h.OpenAsync(link);

        page.Html.Should().Contain("Bekræft e-mailadresse</button>").And.NotContain("data-own-layout");
    }

    [Fact]
    public async Task The_button_of_a_host_layout_verifies()
    {
        await using var h = await VerificationPageHarness.StartAsync(page: p => p.Layouts["en"] = OwnEnglishLayout);
        var link = await h.BorrowerWithLinkAsync(culture: "en-GB");

        using var response = await h.VerifyInBrowserAsync(link);

        (await response.Content.ReadAsStringAsync()).Should().Contain("data-own-layout=\"verified\"");
        (await h.IsUnverifiedAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Values_in_a_layout_are_html_encoded()
    {
        await using var h = await VerificationPageHarness.StartAsync(library: o => o.LibraryName = "<script>alert('x')</script> & Co");
        var link = await h.BorrowerWithLinkAsync();

        var page = await h.OpenAsync(link);

        page.Html.Should().NotContain("<script>").And.Contain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co");
    }

    [Fact]
    public async Task A_layout_that_does_not_parse_fails_start_up_naming_it()
    {
        var start = () => VerificationPageHarness.StartAsync(page: p => p.Layouts["da"] = "<p>{{ if state }</p>");

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("EmailVerificationPage.Layouts[da]");
    }

    [Fact]
    public async Task A_layout_using_an_unknown_variable_fails_start_up()
    {
        var start = () => VerificationPageHarness.StartAsync(page: p => p.Layouts["da"] = "<p>{{ borrower_name }}</p>{{ form_fields }}");

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("borrower_name");
    }

    [Fact]
    public async Task A_layout_without_the_form_fields_fails_start_up()
    {
        var start = () => VerificationPageHarness.StartAsync(page: p => p.Layouts["en"] = "<form method=\"post\" action=\"{{ form_action }}\"><button>OK</button></form>");

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("form_fields");
    }

    [Fact]
    public async Task A_layout_for_an_unknown_culture_fails_start_up()
    {
        var start = () => VerificationPageHarness.StartAsync(page: p => p.Layouts["klingon"] = OwnEnglishLayout);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("'klingon' is not a known culture name");
    }

    [Fact]
    public async Task An_empty_layout_fails_start_up()
    {
        var start = () => VerificationPageHarness.StartAsync(page: p => p.Layouts["da"] = "");

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("EmailVerificationPage.Layouts[da] is empty: give a layout or remove the entry to use the shipped one.");
    }

    [Fact]
    public async Task A_layout_cannot_evaluate_code()
    {
        var start = () => VerificationPageHarness.StartAsync(page: p => p.Layouts["da"] = "{{ object.eval '1 + 1' }}{{ form_fields }}");

        await start.Should().ThrowAsync<OptionsValidationException>();
    }
}
