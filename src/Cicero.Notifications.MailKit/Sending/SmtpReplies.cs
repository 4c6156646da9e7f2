using System.Globalization;
using MailKit.Net.Smtp;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// Turns an SMTP reply to a message's MAIL, RCPT or DATA into a <see cref="DeliveryResult"/> with a fixed text per status
/// code. The server's own reply text is never copied: servers echo the address in it ("550 5.1.1 &lt;hans@example.dk&gt;:
/// user unknown").
/// </summary>
/// <remarks>
/// Whose fault is it? An authentication reply (530, 534, 535, 538) or a refused sender (a misconfigured
/// <see cref="SmtpEmailOptions.SenderAddress"/>, refused for good) would come back for every message: the channel is
/// unavailable and the protocol pauses. Any other 4xx is transient, any other 5xx (the recipient or the message refused)
/// permanent.
/// </remarks>
internal static class SmtpReplies
{
    public static DeliveryResult ToResult(SmtpCommandException exception)
    {
        var reason = Reason(exception);
        var code = (int)exception.StatusCode;
        if (IsChannels(exception))
        {
            return DeliveryResult.ChannelUnavailable(reason);
        }

        return code is >= 500 and < 600 ? DeliveryResult.PermanentFailure(reason) : DeliveryResult.TransientFailure(reason);
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
        530 => "authentication required; check the configured credentials",
        534 or 535 or 538 => "authentication failed; check the configured credentials",
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

    /// <summary>An authentication reply, or the sender refused for good: every message would get the same.</summary>
    private static bool IsChannels(SmtpCommandException exception)
    {
        var code = (int)exception.StatusCode;
        return code is 530 or 534 or 535 or 538
            || (exception.ErrorCode == SmtpErrorCode.SenderNotAccepted && code is >= 500 and < 600);
    }
}
