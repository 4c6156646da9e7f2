using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace StaffWebHost;

public static class StaffApiWebHost
{
    // builder.Services: the host's own authentication (JWT bearer, OpenID Connect, Negotiate …) is added before this.
    public static void AddStaffApi(IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy("CiceroStaff", policy => policy.RequireAuthenticatedUser().RequireRole("Bibliotekar"));
        services.AddOpenApi();
        services.AddCiceroStaffApi(o =>
        {
            o.AuthorizationPolicy = "CiceroStaff";          // required: without a policy the host does not start
            o.StaffIdClaimType = ClaimTypes.NameIdentifier; // the acting staff member, recorded in message histories
            o.RequireIfMatch = false;                       // true: actions without If-Match get 428
        });
    }

    public static void MapStaffApi(WebApplication app)
    {
        app.UseStatusCodePages(); // bare 400/401/403 answers become problem details too
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();         // /openapi/v1.json describes the staff API
        app.MapCiceroStaffApi("/api/staff")
            .WithGroupName("v1"); // the returned RouteGroupBuilder takes the host's conventions
    }
}
