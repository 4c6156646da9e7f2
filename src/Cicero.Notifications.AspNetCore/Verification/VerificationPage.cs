using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scriban.Syntax;

namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>
/// The e-mail verification page. A GET (which mail scanners send too) only checks the token and shows a form with one
/// button, or the link's answer when it no longer works; the form's POST carries the token in its body with an
/// antiforgery token, and only a POST whose antiforgery token is valid verifies. The token is never logged.
/// </summary>
internal sealed partial class VerificationPage(
    IEmailVerification verification,
    IAntiforgery antiforgery,
    VerificationPageLayouts layouts,
    IOptions<CiceroNotificationsOptions> notifications,
    ILogger<VerificationPage>? logger = null)
{
    /// <summary>The largest POST body read: the form holds three short fields.</summary>
    public const int MaxPostBytes = 16 * 1024;


    private static readonly FormOptions PostFormOptions = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 256,
        ValueLengthLimit = 4 * 1024,
        MultipartBodyLengthLimit = MaxPostBytes,
        BufferBodyLengthLimit = MaxPostBytes,
    };

    private readonly ILogger _logger = logger ?? NullLogger<VerificationPage>.Instance;

    /// <summary>GET (and HEAD): check the token without using it; show the button, or the answer when the link no longer works.</summary>
    public async Task GetAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var token = Single(query[VerificationPageModel.TokenField]);
        var culture = CultureOf(Single(query[VerificationPageModel.CultureField]));
        var state = VerificationPageStates.Of(await verification.CheckAsync(token, context.RequestAborted).ConfigureAwait(false));
        TrustedHtml? fields = null;
        if (state == VerificationPageState.Confirm)
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            fields = VerificationPageModel.FormFields(token!, culture, tokens.FormFieldName, tokens.RequestToken!);
        }

        await WriteAsync(context, state, culture, fields, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    /// <summary>POST: verify, but only with a valid antiforgery token; the token and culture come from the form.</summary>
    public async Task PostAsync(HttpContext context)
    {
        // The form is three short fields: bound the body before antiforgery or anything else reads it.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxPostBytes;
        }

        context.Features.Set<IFormFeature>(new FormFeature(context.Request, PostFormOptions));

        IFormCollection? form = null;
        var valid = false;
        try
        {
            if (context.Request.HasFormContentType)
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
                valid = await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            // A body too large or a malformed form: refused like a missing antiforgery token.
            valid = false;
        }

        var culture = CultureOf(form is null ? null : Single(form[VerificationPageModel.CultureField]));
        if (!valid || form is null)
        {
            VerificationPageLog.PostRefused(_logger);
            await WriteAsync(context, VerificationPageState.Refused, culture, null, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        var result = await verification.VerifyEmailAsync(Single(form[VerificationPageModel.TokenField]), context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, VerificationPageStates.Of(result), culture, null, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext context, VerificationPageState state, CultureInfo culture, TrustedHtml? fields, int statusCode)
    {
        var nonce = VerificationPageModel.NewNonce();
        var formAction = (context.Request.PathBase + context.Request.Path).ToUriComponent();
        var model = VerificationPageModel.Build(state, notifications.Value.LibraryName ?? "", culture, formAction, fields, nonce);
        var html = Render(culture, model);

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        // Set after antiforgery, which sets its own no-cache headers and X-Frame-Options: SAMEORIGIN.
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
        headers["X-Robots-Tag"] = "noindex, nofollow";
        VerificationPageLog.Shown(_logger, context.Request.Method, state, culture.Name);
        await response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
    }

    private string Render(CultureInfo culture, Scriban.Runtime.ScriptObject model)
    {
        var layout = layouts.Find(culture);
        try
        {
            return VerificationPageTemplateContext.Render(layout.Template, model, culture);
        }
        catch (Exception ex) when (ex is ScriptRuntimeException or OperationCanceledException)
        {
            // A host layout checked at start-up failed anyway: the borrower still gets an answer. Scriban's message may
            // quote a value, so only the position is logged.
            var position = ex is ScriptRuntimeException script ? script.Span.ToStringSimple() : "(timeout)";
            VerificationPageLog.LayoutFailed(_logger, layout.Name, position, ex.GetType().Name);
            return VerificationPageTemplateContext.Render(VerificationPageLayouts.Shipped(culture).Template, model, culture);
        }
    }

    /// <summary>The page's culture: the link's (the verification mail's), when it names a known culture; else the library's default.</summary>
    private CultureInfo CultureOf(string? requested)
    {
        if (requested is not null && requested.Length <= 35 && CultureName().IsMatch(requested))
        {
            try
            {
                return CultureInfo.GetCultureInfo(requested, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                // An unknown culture in a link: the default.
            }
        }

        try
        {
            return CultureInfo.GetCultureInfo(notifications.Value.DefaultCulture, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo("da-DK");
        }
    }

    /// <summary>No scripts, nothing loaded from anywhere; styles only with the page's nonce; posts only to this site; never framed.</summary>
    private static string ContentSecurityPolicy(string nonce)
        => $"default-src 'none'; style-src 'nonce-{nonce}'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CultureName();
}
