using System.Diagnostics.CodeAnalysis;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Http;

/// <summary>
/// What an SMS may show as its sender: an alphanumeric sender id of at most 11 ASCII letters and digits (GSM networks
/// allow no more), or a phone number (sent in E.164).
/// </summary>
internal static class SmsSenderName
{
    public const int MaxAlphanumericLength = 11;

    /// <summary>Checks a sender name; on success gives the form to send (a phone number in E.164, an id as it is).</summary>
    public static bool TryNormalize(string? sender, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrEmpty(sender))
        {
            return false;
        }

        if (sender.Length <= MaxAlphanumericLength && sender.All(char.IsAsciiLetterOrDigit))
        {
            normalized = sender;
            return true;
        }

        if (PhoneNumber.TryParse(sender, out var phone))
        {
            normalized = phone.Value;
            return true;
        }

        return false;
    }

    public static string Problem(string? sender) =>
        $"SMS SenderName '{sender}' cannot be an SMS sender: use at most {MaxAlphanumericLength} letters A–Z and digits (no spaces, no æøå), for example 'Biblioteket', or a phone number such as +4570101010. Set SenderName on the SMS channel when the library's name does not fit.";
}
