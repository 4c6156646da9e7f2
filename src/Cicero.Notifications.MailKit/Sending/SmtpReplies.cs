using System.Globalization;
using MailKit.Net.Smtp;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// Turns an SMTP reply into a <see cref="DeliveryResult"/> with a fixed text per status code. The server's own reply
/// text is never copied: servers echo the address in it ("550 5.1.1 &lt;hans@example.dk&gt;: user unknown").
/// </summary>
internal static class SmtpReplies
{
    public static bool IsPermanent(SmtpCommandException exception) => (int)exception.StatusCode is >= 500 and < 600;

    public static DeliveryResult ToResult(SmtpCommandException exception)
    {
        var reason = Reason(exception);
        return IsPermanent(exception) ? DeliveryResult.PermanentFailure(reason) : DeliveryResult.TransientFailure(reason);
    }

    /// <summary>For example "SMTP 550: mailbox unavailable (recipient refused)".</summary>
    public static string Reason(SmtpCommandException exception)
    {
        var code = (int)exception.StatusCode;
        var context = exception.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => " (recipient refused)",
            SmtpErrorCode.SenderNotAccepted => " (sender refused)",
            SmtpErrorCode.MessageNotAccepted => " (message refused)",
            _ => string.Empty,
        };
        return string.Create(CultureInfo.InvariantCulture, $"SMTP {code}: {Describe(code)}{context}");
    }

    public static string Describe(int code) => code switch
    {
        421 => "service not available",
        450 => "mailbox temporarily unavailable",
        451 => "local error in processing",
        452 => "insufficient system storage",
        454 => "temporary authentication failure",
        455 => "server unable to accommodate parameters",
        500 or 501 or 502 or 503 or 504 => "command not accepted",
        521 or 556 => "domain does not accept mail",
        530 => "authentication required",
        534 or 535 or 538 => "authentication failed",
        550 => "mailbox unavailable",
        551 => "user not local",
        552 => "exceeded storage allocation",
        553 => "mailbox name not allowed",
        554 => "transaction failed",
        555 => "parameters not recognized",
        >= 400 and < 500 => "temporary failure",
        >= 500 and < 600 => "permanent failure",
        _ => "unexpected reply",
    };
}
