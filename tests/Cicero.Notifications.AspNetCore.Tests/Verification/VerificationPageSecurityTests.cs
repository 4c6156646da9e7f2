using System.Net;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Cicero.Notifications.AspNetCore.Tests.Verification;

/// <summary>What keeps the token safe: headers, antiforgery, a bounded POST, and no token in any log.</summary>
public sealed class VerificationPageSecurityTests
{
    public static TheoryData<string> Responses => ["get confirm", "get unknown", "post verified", "post refused", "head confirm"];

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string which)
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();

        using var response = which switch
        {
            "get confirm" => await h.GetAsync(link),
            "get unknown" => await h.GetAsync(VerificationPageHarness.Path + "?token=nope"),
            "post verified" => await h.VerifyInBrowserAsync(link),
            "head confirm" => await h.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, link)),
            _ => await h.Client.PostAsync(VerificationPageHarness.Path, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = VerificationPageHarness.TokenOf(link) })),
        };

        Header(response, HeaderNames.CacheControl).Should().Be("no-store");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
        Header(response, HeaderNames.XContentTypeOptions).Should().Be("nosniff");
        Header(response, HeaderNames.XFrameOptions).Should().Be("DENY");
        Header(response, HeaderNames.ContentSecurityPolicy).Should().StartWith("default-src 'none'; style-src 'nonce-").And.Contain("form-action 'self'").And.Contain("frame-ancestors 'none'");
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
    }

    [Fact]
    public async Task Each_response_has_a_fresh_nonce_and_its_style_element_carries_it()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var nonces = new List<string>();

        for (var i = 0; i < 8; i++)
        {
            using var response = await h.GetAsync(link);
            var nonce = Header(response, HeaderNames.ContentSecurityPolicy).Split("'nonce-")[1].Split('\'')[0];
            (await response.Content.ReadAsStringAsync()).Should().Contain($"<style nonce=\"{nonce}\">").And.NotContain("<script");
            nonces.Add(nonce);
        }

        nonces.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Cross_site_post_without_antiforgery_token_is_refused_and_the_address_stays_unverified()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = VerificationPageHarness.TokenOf(link), ["culture"] = "da-DK" });
        using var request = new HttpRequestMessage(HttpMethod.Post, VerificationPageHarness.Path) { Content = form };
        request.Headers.Add(HeaderNames.Origin, "https://evil.example");

        using var response = await h.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"refused\"").And.Contain("Åbn linket i e-mailen igen");
        (await h.IsUnverifiedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Post_with_the_antiforgery_cookie_but_without_its_form_field_is_refused()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var page = await h.OpenAsync(link);
        var withoutField = page with { Fields = page.Fields.Where(f => f.Key != "__RequestVerificationToken").ToDictionary() };

        using var response = await h.ClickAsync(withoutField);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await h.IsUnverifiedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Post_with_the_form_field_but_without_the_antiforgery_cookie_is_refused()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var page = await h.OpenAsync(link);

        using var response = await h.ClickAsync(page with { Cookies = "" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await h.IsUnverifiedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Post_with_the_token_only_in_the_query_string_verifies_nothing()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var page = await h.OpenAsync(link);
        var withoutToken = page with { Fields = page.Fields.Where(f => f.Key != "token").ToDictionary(), Action = link };

        using var response = await h.ClickAsync(withoutToken);

        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"unknown\"");
        (await h.IsUnverifiedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task An_oversized_post_is_refused_and_changes_nothing()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var page = await h.OpenAsync(link);
        var padded = page with { Fields = new Dictionary<string, string>(page.Fields) { ["padding"] = new string('x', 64 * 1024) } };

        using var response = await h.ClickAsync(padded);

        ((int)response.StatusCode).Should().BeInRange(400, 499);
        (await h.IsUnverifiedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task A_post_that_is_not_a_form_is_refused()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();

        using var response = await h.Client.PostAsync(VerificationPageHarness.Path, new StringContent($"{{\"token\":\"{VerificationPageHarness.TokenOf(link)}\"}}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await h.IsUnverifiedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task The_token_never_reaches_a_log_through_the_library()
    {
        await using var h = await VerificationPageHarness.StartAsync();
        var link = await h.BorrowerWithLinkAsync();
        var token = VerificationPageHarness.TokenOf(link);
        (await h.GetAsync(link)).Dispose();
        var page = await h.OpenAsync(link);
        (await h.ClickAsync(page)).Dispose();
        (await h.ClickAsync(page)).Dispose();
        (await h.ClickAsync(page with { Cookies = "" })).Dispose();

        var records = h.Host.Logs.GetSnapshot();

        records.Should().Contain(r => r.Category!.StartsWith("Cicero.", StringComparison.Ordinal) && r.Level == Microsoft.Extensions.Logging.LogLevel.Debug, "the check must see the library's own records at every level");
        // ASP.NET Core's request log records query strings (the README says how to lower it); everything else must not.
        records.Where(r => r.Category != "Microsoft.AspNetCore.Hosting.Diagnostics")
            .Select(r => $"{r.Category} {r.Message} {string.Join(' ', r.StructuredState?.Select(kv => kv.Value) ?? [])} {r.Exception}")
            .Should().NotContain(text => text.Contains(token, StringComparison.Ordinal));
    }

    private static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}
