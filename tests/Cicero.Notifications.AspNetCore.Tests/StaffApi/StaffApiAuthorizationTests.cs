using System.Net;
using Cicero.Notifications.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>
/// Authorization is required by default: no user is 401, a user without the host's policy is 403, and only a host that says
/// so serves the API anonymously — even then, actions need a staff id from an authenticated user.
/// </summary>
public sealed class StaffApiAuthorizationTests(SharedStaffApiHost shared) : IClassFixture<SharedStaffApiHost>
{
    private const string Message = "0190a1b2-0000-7000-8000-000000000001";

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/borrowers/B-1/messages" },
        { "GET", $"/messages/{Message}" },
        { "GET", $"/messages/{Message}/print.html" },
        { "GET", $"/messages/{Message}/print.txt" },
        { "POST", $"/messages/{Message}/retry" },
        { "POST", $"/messages/{Message}/reroute" },
        { "POST", $"/messages/{Message}/mark-handled" },
        { "POST", $"/messages/{Message}/dismiss" },
        { "GET", "/message-queue" },
        { "GET", "/message-queue/count" },
        { "POST", "/message-queue/retry" },
        { "POST", "/message-queue/reroute" },
        { "POST", "/message-queue/mark-handled" },
        { "POST", "/message-queue/dismiss" },
        { "GET", "/borrowers/B-1/profile" },
        { "POST", "/borrowers/B-1/profile" },
        { "POST", "/borrowers/B-1/profile/phones" },
        { "POST", "/borrowers/B-1/profile/phones/remove" },
        { "POST", "/borrowers/B-1/profile/emails" },
        { "POST", "/borrowers/B-1/profile/emails/remove" },
        { "POST", "/borrowers/B-1/profile/emails/resend-verification" },
        { "PUT", "/borrowers/B-1/profile/opt-ins/DigitalPost" },
        { "DELETE", "/borrowers/B-1/profile/opt-ins/DigitalPost" },
        { "PUT", "/borrowers/B-1/profile/cpr" },
        { "PUT", "/borrowers/B-1/profile/cvr" },
        { "DELETE", "/borrowers/B-1/profile/identifier" },
        { "PUT", "/borrowers/B-1/profile/preferred-language" },
        { "POST", "/letter-runs" },
        { "GET", "/letter-runs" },
        { "GET", $"/letter-runs/{Message}/letters.html" },
        { "GET", $"/letter-runs/{Message}/letters.csv" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_without_an_authenticated_user_is_401(string method, string path)
    {
        var response = await SendAsync(method, path, authorization: null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_for_a_user_the_policy_does_not_admit_is_403(string method, string path)
    {
        var response = await SendAsync(method, path, authorization: "borrower-1");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Every_route_is_mapped_and_checked_by_these_tests()
    {
        var endpoints = shared.Api.Host.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith(StaffApiHost.Pattern, StringComparison.Ordinal))
            .ToList();

        endpoints.Should().HaveCount(Routes.Count, "every staff API route is in the 401 and 403 theories");
    }

    [Fact]
    public async Task Anonymous_access_only_when_the_host_allows_it_and_actions_still_need_a_staff_id()
    {
        await using var api = await StaffApiHost.StartAsync(o =>
        {
            o.AuthorizationPolicy = null;
            o.AllowAnonymous = true;
        });
        api.Anonymous();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var read = await api.GetAsync($"/messages/{failed.Id}");
        var action = await api.PostAsync($"/messages/{failed.Id}/dismiss");

        read.StatusCode.Should().Be(HttpStatusCode.OK);
        await action.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "NoStaffId");
        (await api.GetStoredAsync(failed.Id))!.IsDismissed.Should().BeFalse();
    }

    [Fact]
    public async Task A_staff_id_claim_the_library_cannot_record_is_403()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));
        api.ActAs("system");

        var response = await api.PostAsync($"/messages/{failed.Id}/dismiss");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "InvalidStaffId");
    }

    [Fact]
    public async Task The_staff_id_comes_from_the_claim_type_the_options_name()
    {
        await using var api = await StaffApiHost.StartAsync(o => o.StaffIdClaimType = System.Security.Claims.ClaimTypes.Role);
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        (await api.PostAsync($"/messages/{failed.Id}/dismiss")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await api.GetStoredAsync(failed.Id))!.History[^1].Actor.Should().Be("staff", "the test user's role claim is 'staff'");
    }

    [Fact]
    public async Task Without_a_policy_and_without_AllowAnonymous_mapping_the_API_fails_naming_the_setting()
    {
        var start = () => KestrelHost.StartAsync(
            (services, _) => services.AddCiceroNotifications(_ => { }).Services.AddCiceroStaffApi(_ => { }),
            app => app.MapCiceroStaffApi("/api/staff"));

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("AuthorizationPolicy");
    }

    [Fact]
    public async Task Mapping_the_API_without_its_services_says_what_to_call()
    {
        var start = () => KestrelHost.StartAsync((services, _) => services.AddCiceroNotifications(_ => { }), app => app.MapCiceroStaffApi("/api/staff"));

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("AddCiceroStaffApi");
    }

    [Fact]
    public async Task The_returned_group_takes_the_hosts_conventions()
    {
        await using var host = await KestrelHost.StartAsync(
            (services, _) =>
            {
                services.AddCiceroNotifications(_ => { });
                services.AddCiceroStaffApi(o => o.AllowAnonymous = true);
            },
            app => app.MapCiceroStaffApi("/api/staff").AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers["X-Host-Convention"] = "yes";
                return await next(context);
            }));

        var response = await host.Client.GetAsync("/api/staff/message-queue/count");

        response.Headers.GetValues("X-Host-Convention").Should().Equal("yes");
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? authorization)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), StaffApiHost.Route(path)) { Content = System.Net.Http.Json.JsonContent.Create(new { }) };
        request.Headers.Authorization = authorization is null ? new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-scheme-the-host-knows") : new(TestAuthenticationHandler.SchemeName, authorization);
        return await shared.Api.Client.SendAsync(request);
    }
}
