using System.Diagnostics.CodeAnalysis;
using Cicero.Notifications;
using Cicero.Notifications.AspNetCore.Verification;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the borrower's e-mail verification page.</summary>
public static class EmailVerificationEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the e-mail verification page at <paramref name="pattern"/>: the path of
    /// <see cref="VerificationOptions.BaseUrl"/>, which the verification mail links to as
    /// <c>{BaseUrl}?token=…&amp;culture=…</c>.
    /// </summary>
    /// <remarks>
    /// <para>A GET (and HEAD) never uses the token: mail security scanners open every link in a mail, and a token used by
    /// a scanner would fail the borrower. It shows a small self-contained page with one button, in the verification
    /// mail's language (the link's <c>culture</c>; else <see cref="CiceroNotificationsOptions.DefaultCulture"/>), or the
    /// link's answer when it no longer works. The button POSTs the token in the form body with an antiforgery token;
    /// only a POST with a valid antiforgery token verifies, and it shows the result: verified, already verified,
    /// expired or unknown (the last two say to ask the library for a new link). A POST without one gets 400 and
    /// changes nothing. The page validates the antiforgery token itself, so it works with or without
    /// <c>app.UseAntiforgery()</c>.</para>
    /// <para>Every response carries <c>Cache-Control: no-store</c>, <c>Referrer-Policy: no-referrer</c>,
    /// <c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c> and a Content-Security-Policy without scripts
    /// or external resources. The library never logs the token; ASP.NET Core's request log
    /// (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>) and reverse-proxy access logs record the query string.</para>
    /// <para>The endpoints are left out of OpenAPI documents. Add conventions to the returned group, for example
    /// <c>.RequireRateLimiting("verification")</c>.</para>
    /// </remarks>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <param name="pattern">The route pattern, for example <c>/bekraeft-email</c>.</param>
    /// <returns>The group holding the page's GET and POST endpoints, for further conventions.</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>AddEmailVerificationPage</c> was not called on the <c>AddCiceroNotifications</c> builder.
    /// </exception>
    public static RouteGroupBuilder MapEmailVerification(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(VerificationPage)))
        {
            throw new InvalidOperationException(
                "MapEmailVerification needs the page's services: call services.AddCiceroNotifications(…).AddEmailVerificationPage() when configuring services.");
        }

        var group = endpoints.MapGroup(pattern);
        group.MapMethods("", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(context => Page(context).GetAsync(context)))
            .WithDisplayName("Cicero e-mail verification page (GET)");
        group.MapMethods("", [HttpMethods.Post], new RequestDelegate(context => Page(context).PostAsync(context)))
            .WithDisplayName("Cicero e-mail verification page (POST)");
        group.ExcludeFromDescription();
        return group;
    }

    private static VerificationPage Page(HttpContext context) => context.RequestServices.GetRequiredService<VerificationPage>();
}
