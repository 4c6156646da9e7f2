using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>
/// Log messages of the e-mail verification page: event ids 400–409, stable. Parameters are states, cultures, layout
/// names and positions only: never the token, the query string, an address or a borrower id.
/// </summary>
internal static partial class VerificationPageLog
{
    [LoggerMessage(EventId = 400, EventName = "VerificationPageShown", Level = LogLevel.Debug,
        Message = "The e-mail verification page answered a {Method} with '{State}' in {Culture}")]
    public static partial void Shown(ILogger logger, string method, VerificationPageState state, string culture);

    [LoggerMessage(EventId = 401, EventName = "VerificationPostRefused", Level = LogLevel.Information,
        Message = "An e-mail verification POST without a valid antiforgery token was refused; nothing was verified")]
    public static partial void PostRefused(ILogger logger);

    [LoggerMessage(EventId = 402, EventName = "VerificationPageLayoutFailed", Level = LogLevel.Error,
        Message = "The verification page layout {Layout} failed at {Position} ({ExceptionType}); the shipped layout was shown instead")]
    public static partial void LayoutFailed(ILogger logger, string layout, string position, string exceptionType);
}
