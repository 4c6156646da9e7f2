using System.Globalization;

namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>The sample's two languages: Danish by default, English when the request's culture is English.</summary>
public static class Ui
{
    /// <summary>Gets a value indicating whether the current request is in English.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Gets the culture to hand to the library's display names and printer.</summary>
    public static CultureInfo Culture => English ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("da");

    /// <summary>The display name of a notification type, host-defined types included.</summary>
    public static string TypeName(Domain.NotificationType type, CiceroNotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        return options.Types.TryGetValue(type.Name, out var setup) && (English ? setup.DisplayNameEn : setup.DisplayNameDa) is { } name
            ? name
            : Domain.DisplayNames.Of(type, Culture);
    }

    /// <summary>The display name of a protocol, user-defined protocols included.</summary>
    public static string ProtocolName(Domain.Protocol protocol, CiceroNotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(options);
        return options.UserDefinedProtocols.FirstOrDefault(u => string.Equals(u.Name, protocol.Name, StringComparison.OrdinalIgnoreCase)) is { } defined
            && (English ? defined.DisplayNameEn : defined.DisplayNameDa) is { } name
            ? name
            : Domain.DisplayNames.Of(protocol, Culture);
    }

    /// <summary>The name of a history event in the page's language (the library gives the code).</summary>
    public static string EventName(Domain.MessageEvent messageEvent) => messageEvent switch
    {
        Domain.MessageEvent.Created => T("Oprettet", "Created"),
        Domain.MessageEvent.Delivered => T("Sendt", "Sent"),
        Domain.MessageEvent.RetryScheduled => T("Nyt forsøg planlagt", "Retry scheduled"),
        Domain.MessageEvent.Failed => T("Fejlet", "Failed"),
        Domain.MessageEvent.Released => T("Frigivet", "Released"),
        Domain.MessageEvent.ContactMissing => T("Mangler kontaktoplysninger", "Contact details missing"),
        Domain.MessageEvent.Retried => T("Prøvet igen", "Retried"),
        Domain.MessageEvent.Rerouted => T("Sendt med anden protokol", "Rerouted"),
        Domain.MessageEvent.HandledManually => T("Håndteret manuelt", "Handled manually"),
        Domain.MessageEvent.Dismissed => T("Fjernet fra køen", "Dismissed"),
        Domain.MessageEvent.Anonymized => T("Anonymiseret", "Anonymized"),
        Domain.MessageEvent.DeliveryConfirmed => T("Levering bekræftet", "Delivery confirmed"),
        Domain.MessageEvent.Cancelled => T("Annulleret", "Cancelled"),
        Domain.MessageEvent.Deferred => T("Venter på stilletid", "Waiting for quiet hours"),
        Domain.MessageEvent.ReplacedByFallback => T("Afløst af automatisk alternativ", "Replaced by fallback"),
        Domain.MessageEvent.AddedToDigest => T("Samlet med en ny besked", "Added to digest"),
        Domain.MessageEvent.RemovedFromDigest => T("Fjernet fra samlebesked", "Removed from digest"),
        Domain.MessageEvent.Collected => T("Udskrevet i brevkørsel", "Printed in a letter run"),
        _ => messageEvent.ToString(),
    };

    /// <summary>Chooses the Danish or the English text.</summary>
    public static string T(string da, string en) => English ? en : da;
}
