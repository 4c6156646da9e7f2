using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Verification;

/// <summary>
/// At start-up: a library that sends e-mail has a verification base URL, and it is an absolute https URL (http only on
/// localhost) without query, fragment or user info — the link is <c>{BaseUrl}?token=…&amp;culture=…</c>.
/// </summary>
internal sealed class VerificationOptionsValidator : IValidateOptions<CiceroNotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.Verification.BaseUrl;
        if (baseUrl is null)
        {
            var emailType = options.Types.FirstOrDefault(t => t.Value.Protocols.Contains(Protocol.Email) || t.Value.AlternativeProtocol == Protocol.Email).Key;
            return emailType is null
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Verification.BaseUrl is required because notification type '{emailType}' uses Email: set it to the page that verifies e-mail addresses, for example 'https://bibliotek.example.dk/bekraeft-email'.");
        }

        var failures = new List<string>();
        if (!baseUrl.IsAbsoluteUri)
        {
            failures.Add("Verification.BaseUrl must be an absolute URL, for example 'https://bibliotek.example.dk/bekraeft-email'.");
            return ValidateOptionsResult.Fail(failures);
        }

        if (baseUrl.Scheme != Uri.UriSchemeHttps && !(baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback))
        {
            failures.Add($"Verification.BaseUrl must use https, not {baseUrl.Scheme} (http is allowed for localhost only): the link carries a token.");
        }

        if (!string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment) || !string.IsNullOrEmpty(baseUrl.UserInfo))
        {
            failures.Add("Verification.BaseUrl must have no query, fragment or user info: the library adds '?token=…&culture=…'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
