using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>What the staff API reads from a request and writes on a response: culture, staff id, ETag and If-Match.</summary>
internal static class StaffHttp
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>
    /// The culture of the display names: the first of Danish or English in <c>Accept-Language</c> by quality, else
    /// <see langword="null"/> (the library's default culture, Danish unless the host changed it).
    /// </summary>
    public static CultureInfo? Culture(HttpContext context)
    {
        IList<StringWithQualityHeaderValue> languages;
        try
        {
            languages = context.Request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            return null;
        }

        foreach (var language in languages.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value ?? "";
            if (tag.Equals("da", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("da-", StringComparison.OrdinalIgnoreCase))
            {
                return Danish;
            }

            if (tag.Equals("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            {
                return English;
            }
        }

        return null;
    }

    /// <summary>The acting staff member's id: the value of the configured claim of the authenticated user.</summary>
    public static string? StaffId(HttpContext context, StaffApiOptions options)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var value = user.FindFirst(options.StaffIdClaimType)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>The strong ETag of a message version: <c>"7"</c>.</summary>
    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Sets the message version's ETag on the response and says that the body varies by language.</summary>
    public static void SetETag(HttpContext context, long version)
    {
        context.Response.Headers.ETag = ETag(version);
        context.Response.Headers.Vary = HeaderNames.AcceptLanguage;
    }

    /// <summary>
    /// Reads <c>If-Match</c>: <see langword="null"/> when absent or <c>*</c> (any version); the version of one strong ETag
    /// this API issued; for anything else a version no message has, so the action is refused as stale (412).
    /// </summary>
    public static long? ExpectedVersion(HttpContext context, out bool present)
    {
        var values = context.Request.Headers.IfMatch;
        present = values.Count > 0;
        if (!present)
        {
            return null;
        }

        var header = string.Join(",", values.Select(v => v ?? "")).Trim();
        if (header == "*")
        {
            return null;
        }

        return header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && long.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }
}
