using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Scriban.Runtime;

namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>The variables of a verification page layout (see <see cref="EmailVerificationPageOptions"/>).</summary>
internal static class VerificationPageModel
{
    /// <summary>The form field that carries the token.</summary>
    public const string TokenField = "token";

    /// <summary>The form field that carries the culture.</summary>
    public const string CultureField = "culture";

    /// <summary>Builds the model of one page.</summary>
    /// <param name="state">What the page shows.</param>
    /// <param name="libraryName">The library's name.</param>
    /// <param name="culture">The culture the page is rendered in.</param>
    /// <param name="formAction">Where the form posts to (already URL-escaped).</param>
    /// <param name="formFields">The hidden fields: the token, the culture and the antiforgery token; only for <see cref="VerificationPageState.Confirm"/>.</param>
    /// <param name="cspNonce">The Content-Security-Policy nonce for style elements.</param>
    public static ScriptObject Build(VerificationPageState state, string libraryName, CultureInfo culture, string formAction, TrustedHtml? formFields, string cspNonce)
        => new(StringComparer.Ordinal)
        {
            ["state"] = VerificationPageStates.Name(state),
            ["library_name"] = libraryName,
            ["culture"] = culture.Name,
            ["form_action"] = formAction,
            ["form_fields"] = formFields ?? new TrustedHtml(""),
            ["csp_nonce"] = cspNonce,
        };

    /// <summary>The hidden fields of the form, every value encoded.</summary>
    public static TrustedHtml FormFields(string token, CultureInfo culture, string antiforgeryFieldName, string antiforgeryToken)
    {
        var fields = new StringBuilder(512);
        Hidden(fields, TokenField, token);
        Hidden(fields, CultureField, culture.Name);
        Hidden(fields, antiforgeryFieldName, antiforgeryToken);
        return new TrustedHtml(fields.ToString());
    }

    /// <summary>A model with sample values, for checking a layout at start-up.</summary>
    public static ScriptObject Sample(VerificationPageState state, CultureInfo culture, string libraryName)
        => Build(state, libraryName, culture, "/bekraeft-email",
            state == VerificationPageState.Confirm ? FormFields(new string('A', 43), culture, "__RequestVerificationToken", "sample") : null,
            NewNonce());

    /// <summary>A fresh nonce: 128 random bits, base64url (nothing in it needs encoding in an attribute).</summary>
    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static void Hidden(StringBuilder fields, string name, string value)
        => fields.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{VerificationPageTemplateContext.Encode(name)}\" value=\"{VerificationPageTemplateContext.Encode(value)}\">\n");
}
