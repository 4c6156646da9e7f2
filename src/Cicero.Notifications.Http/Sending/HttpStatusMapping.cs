using System.Globalization;
using System.Net;

namespace Cicero.Notifications.Http;

/// <summary>
/// Maps a non-2xx HTTP status, or a request that got no response, to a failure; reasons carry the status code (or the
/// <see cref="HttpRequestError"/>) and a fixed text, never the response body.
/// </summary>
/// <remarks>
/// Whose fault is it? A status that every message would get alike (a rejected API key, a wrong URL, a throttled account)
/// is the channel's: <see cref="DeliveryResult.ChannelUnavailable"/>, so the protocol pauses instead of failing every
/// message. A status about this request (400, 409, 413, 422 …) is the message's: permanent. A server error or timeout
/// may pass: transient.
/// </remarks>
internal static class HttpStatusMapping
{
    public static DeliveryResult ToResult(HttpStatusCode status, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var reason = string.Create(CultureInfo.InvariantCulture, $"HTTP {code}: {Describe(code)}");
        return code switch
        {
            >= 300 and < 400 or 401 or 403 or 404 or 407 or 415 or 429 => DeliveryResult.ChannelUnavailable(reason, retryAfter),
            408 or >= 500 and < 600 => DeliveryResult.TransientFailure(reason, retryAfter),
            _ => DeliveryResult.PermanentFailure(reason),
        };
    }

    /// <summary>A request that got no response: the channel's when the service cannot be reached at all, else transient.</summary>
    public static DeliveryResult ToResult(HttpRequestError error)
    {
        var reason = string.Create(CultureInfo.InvariantCulture, $"HTTP request failed ({error}).");
        return error is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError
            ? DeliveryResult.ChannelUnavailable(reason)
            : DeliveryResult.TransientFailure(reason);
    }

    private static string Describe(int code) => code switch
    {
        >= 300 and < 400 => "redirect not followed; check the URL",
        400 => "bad request",
        401 => "unauthorized; check the API key",
        403 => "forbidden; check the API key and account",
        404 => "not found; check the URL",
        407 => "proxy authentication required; check the proxy settings",
        408 => "request timeout",
        409 => "conflict",
        413 => "request too large",
        415 => "unsupported media type; check ContentType",
        422 => "unprocessable request",
        429 => "too many requests",
        >= 400 and < 500 => "refused by the service",
        500 => "internal server error",
        502 => "bad gateway",
        503 => "service unavailable",
        504 => "gateway timeout",
        >= 500 and < 600 => "server error",
        _ => "unexpected status",
    };
}
