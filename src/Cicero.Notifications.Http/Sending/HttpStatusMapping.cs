using System.Globalization;
using System.Net;

namespace Cicero.Notifications.Http;

/// <summary>Maps a non-2xx HTTP status to a failure; reasons carry the status code and a fixed text, never the response body.</summary>
internal static class HttpStatusMapping
{
    public static DeliveryResult ToResult(HttpStatusCode status, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var reason = string.Create(CultureInfo.InvariantCulture, $"HTTP {code}: {Describe(code)}");
        return code is 408 or 429 or >= 500 and < 600
            ? DeliveryResult.TransientFailure(reason, retryAfter)
            : DeliveryResult.PermanentFailure(reason);
    }

    private static string Describe(int code) => code switch
    {
        >= 300 and < 400 => "redirect not followed; check the URL",
        400 => "bad request",
        401 => "unauthorized; check the API key",
        403 => "forbidden; check the API key and account",
        404 => "not found; check the URL",
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
