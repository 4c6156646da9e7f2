using System.Diagnostics.CodeAnalysis;
using Cicero.Notifications.AspNetCore;
using Cicero.Notifications.AspNetCore.StaffApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the staff HTTP API of Cicero.Notifications.</summary>
public static class StaffApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the staff HTTP API under <paramref name="pattern"/>: the borrower's messages (list, one, print as HTML and
    /// text), the message queue (list, count, the actions on one message and the bulk actions), the borrower's contact
    /// settings and print runs of letters (collect, and the run's document and CSV again), as JSON with RFC 9457 problem details. Every endpoint requires the policy in
    /// <see cref="StaffApiOptions.AuthorizationPolicy"/> (unless <see cref="StaffApiOptions.AllowAnonymous"/>); actions
    /// record the authenticated user's <see cref="StaffApiOptions.StaffIdClaimType"/> claim as the acting staff member.
    /// Responses carry <c>Cache-Control: no-store</c>: they hold personal data.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route prefix, for example <c>/api/staff</c>.</param>
    /// <returns>The group of the API's endpoints, to add conventions to (rate limiting, CORS, more metadata).</returns>
    /// <exception cref="InvalidOperationException"><c>AddCiceroStaffApi</c> was not called on the services.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid, for example no authorization policy is named.</exception>
    public static RouteGroupBuilder MapCiceroStaffApi(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<StaffApiNames>() is null)
        {
            throw new InvalidOperationException("The staff API's services are missing: call services.AddCiceroStaffApi(o => o.AuthorizationPolicy = \"…\") when registering services.");
        }

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<StaffApiOptions>>().Value;
        var group = endpoints.MapGroup(pattern);
        if (options.AllowAnonymous)
        {
            group.AllowAnonymous();
        }
        else
        {
            group.RequireAuthorization(options.AuthorizationPolicy!)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status403Forbidden);
        }

        group.AddEndpointFilter(static async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context).ConfigureAwait(false);
        });

        MessageEndpoints.Map(group);
        MessageQueueEndpoints.Map(group);
        ProfileEndpoints.Map(group);
        LetterRunEndpoints.Map(group);
        return group;
    }
}
