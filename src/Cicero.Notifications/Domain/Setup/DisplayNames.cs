using System.Globalization;

namespace Cicero.Notifications.Domain;

/// <summary>
/// Staff-facing names of statuses, built-in protocols and built-in notification types, in Danish (the default)
/// and English. English is used when the culture's language is English; every other culture gets Danish.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Each overload names a different domain type: no call is ambiguous.")]
public static class DisplayNames
{
    /// <summary>Returns whether the culture is English (and so gets English display names).</summary>
    /// <param name="culture">The culture; <see langword="null"/> means Danish.</param>
    /// <returns><see langword="true"/> for English.</returns>
    internal static bool IsEnglish(CultureInfo? culture) => culture is not null && culture.TwoLetterISOLanguageName == "en";

    /// <summary>Gets a status's display name: "Afventer", "Sendt", "Fejlet", "Mangler kontaktoplysninger".</summary>
    /// <param name="status">The status.</param>
    /// <param name="culture">The staff's culture.</param>
    /// <returns>The display name.</returns>
    public static string Of(MessageStatus status, CultureInfo? culture = null) => (status, IsEnglish(culture)) switch
    {
        (MessageStatus.Pending, false) => "Afventer",
        (MessageStatus.Pending, true) => "Pending",
        (MessageStatus.Sent, false) => "Sendt",
        (MessageStatus.Sent, true) => "Sent",
        (MessageStatus.Failed, false) => "Fejlet",
        (MessageStatus.Failed, true) => "Failed",
        (MessageStatus.MissingContactInfo, false) => "Mangler kontaktoplysninger",
        (MessageStatus.MissingContactInfo, true) => "Missing contact information",
        _ => status.ToString(),
    };

    /// <summary>Gets a built-in protocol's display name ("SMS", "E-mail", "Digital Post"); other protocols give their name.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="culture">The staff's culture.</param>
    /// <returns>The display name.</returns>
    public static string Of(Protocol protocol, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        _ = culture;
        if (protocol == Protocol.Sms)
        {
            return "SMS";
        }

        if (protocol == Protocol.Email)
        {
            return "E-mail";
        }

        return protocol == Protocol.DigitalPost ? "Digital Post" : protocol.Name;
    }

    /// <summary>Gets a built-in notification type's display name (for example "Velkomst til låner"); other types give their name.</summary>
    /// <param name="type">The type.</param>
    /// <param name="culture">The staff's culture.</param>
    /// <returns>The display name.</returns>
    public static string Of(NotificationType type, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var english = IsEnglish(culture);
        return type.Name switch
        {
            "WelcomeBorrower" => english ? "Welcome to the library" : "Velkomst til låner",
            "ReservationReady" => english ? "Reservation ready for pickup" : "Reservering klar til afhentning",
            "DueDateReminder" => english ? "Due date reminder" : "Påmindelse om afleveringsdato",
            "OverdueNotice" => english ? "Overdue notice" : "Rykker for overskredet afleveringsdato",
            "EmailVerification" => english ? "E-mail verification" : "Bekræftelse af e-mailadresse",
            _ => type.Name,
        };
    }
}
