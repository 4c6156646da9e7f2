using System.Net;
using System.Net.Http.Headers;
using Cicero.Notifications.AspNetCore.Tests.Support;
using Cicero.Notifications.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using StaffWebHost;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>The README's staff API snippet is this project's compiled file, and a host set up with it serves the API.</summary>
public sealed class StaffApiReadmeTests
{
    [Fact]
    public void Readme_staff_api_snippet_is_the_file_the_tests_compile()
    {
        var snippet = ReadmeSnippet.Code("staff-api");

        snippet.Should().Be(ReadmeSnippet.CompiledFile("tests", "Cicero.Notifications.AspNetCore.Tests", "StaffApi", "Readme", "StaffApiWebHost.cs"));
    }

    [Fact]
    public async Task A_host_set_up_as_the_README_shows_serves_the_staff_API_to_staff_only()
    {
        await using var host = await KestrelHost.StartAsync(
            (services, _) =>
            {
                services.AddAuthentication(TestAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, RoleHandler>(TestAuthenticationHandler.SchemeName, null);
                services.AddCiceroNotifications(o => o.LibraryName = "Aarhus Bibliotekerne");
                StaffApiWebHost.AddStaffApi(services);
            },
            StaffApiWebHost.MapStaffApi);

        var anonymous = await host.Client.GetAsync("/api/staff/message-queue/count");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/message-queue/count");
        request.Headers.Authorization = new AuthenticationHeaderValue(TestAuthenticationHandler.SchemeName, "jens Bibliotekar");
        var staff = await host.Client.SendAsync(request);
        var document = await host.Client.GetAsync("/openapi/v1.json");

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        staff.StatusCode.Should().Be(HttpStatusCode.OK);
        (await document.Content.ReadAsStringAsync()).Should().Contain("/api/staff/message-queue/count");
    }

    /// <summary>The test scheme, with the role the README's policy asks for.</summary>
    private sealed class RoleHandler(
        Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> options,
        Microsoft.Extensions.Logging.ILoggerFactory logger,
        System.Text.Encodings.Web.UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString().Split(' ');
            if (header is not [TestAuthenticationHandler.SchemeName, var user, var role])
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new System.Security.Claims.ClaimsIdentity(
                [new(System.Security.Claims.ClaimTypes.NameIdentifier, user), new(System.Security.Claims.ClaimTypes.Role, role)], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
