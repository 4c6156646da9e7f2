using Cicero.Notifications.Json;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;
using Scriban.Syntax;

namespace Cicero.Notifications.Http;

/// <summary>
/// Checks each HTTP channel's options at start-up (the options name is the protocol's name). Messages name the protocol,
/// the option and the offending value — never a header value, which may be an API key. When the options were bound from
/// configuration the option is named by its configuration path (<c>Cicero:Notifications:Http:Sms:Url</c>).
/// </summary>
internal sealed partial class HttpChannelOptionsValidator(IEnumerable<HttpChannelConfigurationPath> paths) : IValidateOptions<HttpChannelOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Headers the channel sets itself.</summary>
    private static readonly string[] ReservedHeaders = ["Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection"];

    /// <summary>Awkward values: a body template that does not escape them does not render JSON.</summary>
    private static readonly HttpBodyValues Sample = new(
        Recipient: "+4520123456 \"\\",
        Text: "Hej \"Åse\" \\ C:\\bøger\nLinje 2\r\n\tTab \u0001 😀 </script> {{ }}",
        Subject: "Emne med \"citat\"",
        Sender: "Biblioteket",
        Reference: "0196a1b2-0000-7000-8000-000000000000",
        Protocol: "Sms",
        Culture: "da-DK",
        Type: "ReservationReady",
        BorrowerId: "L-1001 \"x\"");

    public ValidateOptionsResult Validate(string? name, HttpChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var label = $"HTTP channel '{name}'";
        var failures = new List<string>();

        ValidateUrl(label, options.Url, failures);
        ValidateHeaders(label, options, failures);
        ValidateTemplate(label, options, failures);

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
        {
            failures.Add($"{label}: Timeout {options.Timeout} is out of range: use more than 0 and at most 5 minutes.");
        }

        if (options.ProviderMessageIdPath is { } path && !JsonPath.TryParse(path, out _))
        {
            failures.Add($"{label}: ProviderMessageIdPath '{path}' is not a path: use property names and array indexes separated by dots, for example 'messages.0.id'.");
        }

        if (!Enum.IsDefined(options.Guarantee))
        {
            failures.Add($"{label}: Guarantee {(int)options.Guarantee} is unknown: use AtMostOnce or AtLeastOnce.");
        }

        ValidateSender(label, name, options.SenderName, failures);

        // Bound from one configuration section: "Url" becomes "Cicero:Notifications:Http:Sms:Url".
        var configurationPath = paths.Where(p => string.Equals(p.OptionsName, name, StringComparison.Ordinal)).Select(p => p.Path).Distinct(StringComparer.Ordinal).ToList() is [var single] ? single : null;
        if (configurationPath is not null)
        {
            failures = failures.ConvertAll(f => LeadingOption().Replace(f, m => typeof(HttpChannelOptions).GetProperty(m.Groups[2].Value) is null ? m.Value : $"{m.Groups[1].Value}{configurationPath}:{m.Groups[2].Value}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsJson(string contentType)
        => MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.MediaType is { } type
            && (string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static void ValidateUrl(string label, Uri? url, List<string> failures)
    {
        if (url is null)
        {
            failures.Add($"{label}: Url is not set: give the address messages are POSTed to, for example 'https://sms.example.dk/v1/messages'.");
        }
        else if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{label}: Url '{WithoutCredentials(url)}' is not an absolute http(s) URL.");
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
        {
            failures.Add($"{label}: Url '{WithoutCredentials(url)}' uses http: use https (API keys and personal data travel in the request); http is allowed only for loopback addresses.");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            failures.Add($"{label}: Url carries credentials before the host: put them in Headers (for example Authorization) instead.");
        }
    }

    private static void ValidateHeaders(string label, HttpChannelOptions options, List<string> failures)
    {
        foreach (var (header, value) in options.Headers)
        {
            if (string.IsNullOrWhiteSpace(header) || !header.All(IsTokenChar))
            {
                failures.Add($"{label}: header name '{header}' is not a valid HTTP header name.");
            }
            else if (ReservedHeaders.Contains(header, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{label}: header '{header}' is set by the channel; use ContentType for the content type.");
            }

            if (string.IsNullOrEmpty(value))
            {
                failures.Add($"{label}: header '{header}' has no value (is the secret missing from configuration?).");
            }
            else if (value.Any(c => c is '\r' or '\n' or '\0'))
            {
                failures.Add($"{label}: the value of header '{header}' contains a line break.");
            }
        }

        if (options.IdempotencyKeyHeader is { } idempotency)
        {
            if (idempotency.Length == 0 || !idempotency.All(IsTokenChar))
            {
                failures.Add($"{label}: IdempotencyKeyHeader '{idempotency}' is not a valid HTTP header name.");
            }
            else if (ReservedHeaders.Contains(idempotency, StringComparer.OrdinalIgnoreCase) || options.Headers.ContainsKey(idempotency))
            {
                failures.Add($"{label}: IdempotencyKeyHeader '{idempotency}' clashes with a header that is already set.");
            }
        }

        if (!MediaTypeHeaderValue.TryParse(options.ContentType, out _))
        {
            failures.Add($"{label}: ContentType '{options.ContentType}' is not a media type such as 'application/json'.");
        }
    }

    private static void ValidateTemplate(string label, HttpChannelOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.BodyTemplate))
        {
            failures.Add($"{label}: BodyTemplate is empty.");
            return;
        }

        HttpBodyTemplate template;
        try
        {
            template = HttpBodyTemplate.Parse(options.BodyTemplate);
        }
        catch (FormatException ex)
        {
            failures.Add($"{label}: BodyTemplate does not parse: {ex.Message}");
            return;
        }

        foreach (var sample in new[] { Sample, Sample with { Recipient = null, Subject = null } })
        {
            string body;
            try
            {
                body = template.Render(sample);
            }
            catch (ScriptRuntimeException ex)
            {
                failures.Add($"{label}: BodyTemplate fails to render: {ex.Message}");
                return;
            }
            catch (OperationCanceledException)
            {
                failures.Add($"{label}: BodyTemplate takes longer than a second to render.");
                return;
            }

            if (IsJson(options.ContentType) && !IsValidJson(body, out var error))
            {
                failures.Add($"{label}: BodyTemplate does not render valid JSON for a text with quotes, backslashes, line breaks and emoji ({error}). Write every variable through the json function, for example \"text\": {{{{ text | json }}}}.");
                return;
            }
        }
    }

    private static void ValidateSender(string label, string? name, string? sender, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(sender))
        {
            failures.Add($"{label}: SenderName is empty: give the sender's name, or leave it unset to use the library's name.");
        }
        else if (Protocol.TryParse(name, out var protocol) && protocol == Protocol.Sms)
        {
            if (!SmsSenderName.TryNormalize(sender, out _))
            {
                failures.Add($"{label}: {SmsSenderName.Problem(sender)}");
            }
        }
        else if (sender.Any(char.IsControl))
        {
            failures.Add($"{label}: SenderName contains a control character (such as a line break).");
        }
    }

    private static bool IsValidJson(string body, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}";
            return false;
        }
    }

    /// <summary>A URL for a message: user info and query string may hold credentials, so they are left out.</summary>
    private static string WithoutCredentials(Uri url)
    {
        var text = url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : url.OriginalString;
        var query = text.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? text : text[..query];
    }

    private static bool IsLoopback(Uri url)
        => url.IsLoopback || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));

    // RFC 9110 token characters.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    [GeneratedRegex(@"^(HTTP channel '[^']*': )([A-Z][A-Za-z]*)\b")]
    private static partial Regex LeadingOption();
}
