using System.Net;
using System.Threading.RateLimiting;
using Cicero.Notifications.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.AspNetCore.Tests.Verification;

/// <summary>How a host sets the page up: registration, mapping, and its own conventions on the page's endpoints.</summary>
public sealed class VerificationPageSetupTests
{
    [Fact]
    public async Task Mapping_without_registering_the_page_says_what_to_call()
    {
        var start = () => KestrelHost.StartAsync(
            (services, _) => services.AddCiceroNotifications(o => o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email")),
            app => app.MapEmailVerification("/bekraeft-email"));

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("AddEmailVerificationPage()");
    }

    [Fact]
    public async Task Host_conventions_apply_to_both_the_get_and_the_post()
    {
        await using var h = await VerificationPageHarness.StartAsync(
            services: s => s.AddRateLimiter(o =>
            {
                o.RejectionStatusCode = StatusCodes429;
                o.AddFixedWindowLimiter("verification", w => { w.PermitLimit = 2; w.Window = TimeSpan.FromHours(1); w.QueueLimit = 0; });
            }),
            endpoints: app =>
            {
                app.UseRateLimiter();
                app.MapEmailVerification(VerificationPageHarness.Path).RequireRateLimiting("verification");
            });
        var link = await h.BorrowerWithLinkAsync();
        var page = await h.OpenAsync(link);
        (await h.ClickAsync(page)).Dispose();

        using var third = await h.ClickAsync(page);

        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Registering_the_page_twice_is_harmless()
    {
        await using var h = await VerificationPageHarness.StartAsync(services: s => s.AddCiceroNotifications(_ => { }).AddEmailVerificationPage());
        var link = await h.BorrowerWithLinkAsync();

        using var response = await h.VerifyInBrowserAsync(link);

        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"verified\"");
    }

    [Fact]
    public async Task The_page_also_works_when_the_host_uses_the_antiforgery_middleware()
    {
        await using var h = await VerificationPageHarness.StartAsync(endpoints: app =>
        {
            app.UseAntiforgery();
            app.MapEmailVerification(VerificationPageHarness.Path);
        });
        var link = await h.BorrowerWithLinkAsync();

        using var response = await h.VerifyInBrowserAsync(link);

        (await response.Content.ReadAsStringAsync()).Should().Contain("data-state=\"verified\"");
    }

    private const int StatusCodes429 = 429;
}
