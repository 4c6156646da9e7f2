using Cicero.Notifications;
using Cicero.Notifications.AspNetCore;
using Cicero.Notifications.AspNetCore.Receipts;
using Cicero.Notifications.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoint a provider calls with delivery reports (SMS delivery reports, e-mail provider webhooks).</summary>
public static class DeliveryReceiptEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to read the provider's delivery reports for <paramref name="protocol"/>
    /// and apply them with <see cref="IDeliveryReceipts"/>. The answer is 200 only after every receipt is stored (the
    /// provider sends again otherwise), with the counts of what the receipts did; 401 for a missing or wrong secret or
    /// signature (nothing changes); 400 for a body that is not JSON or form data; 413 for a body over
    /// <see cref="DeliveryReceiptEndpointOptions.MaxBodyBytes"/>. The body is never logged.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route, for example <c>/receipts/sms</c>.</param>
    /// <param name="protocol">The protocol whose channel sent the messages the provider reports on.</param>
    /// <param name="configure">Sets where the fields are, the status mapping and the authentication.</param>
    /// <returns>The endpoint's convention builder, to add rate limiting, host filtering or the host's own authorization.</returns>
    /// <exception cref="InvalidOperationException">The options are incomplete: every problem is listed.</exception>
    public static RouteHandlerBuilder MapDeliveryReceipts(this IEndpointRouteBuilder endpoints, string pattern, Protocol protocol, Action<DeliveryReceiptEndpointOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DeliveryReceiptEndpointOptions();
        configure(options);
        var endpoint = DeliveryReceiptEndpoint.Create(protocol, options);
        return endpoints.MapPost(pattern, (Func<HttpContext, Task<IResult>>)endpoint.HandleAsync)
            .DisableAntiforgery()
            .ExcludeFromDescription();
    }
}
