using Cicero.Notifications.Domain;
using Cicero.Notifications.Templates;

namespace Cicero.Notifications.Samples.Console;

/// <summary>
/// The library's server setup (Serveropsætning): which protocols each notification type uses, the user-defined
/// protocol <c>Print</c>, and its letter templates. Everything else keeps the library's defaults: Danish, a 3-day
/// e-mail verification window, nightly jobs at 02:00 Copenhagen time, message content kept 30 days.
/// </summary>
internal static class LibrarySetup
{
    public const string LibraryName = "Eksempelby Bibliotek";

    /// <summary>The library's own CVR number, the sender of its Digital Post.</summary>
    public const string LibraryCvr = "13585628";

    /// <summary>The user-defined protocol for printed letters (no address, no channel: staff print them in runs and post them).</summary>
    public static readonly Protocol Print = Protocol.Parse("Print");

    public static void Configure(CiceroNotificationsOptions o)
    {
        o.LibraryName = LibraryName;
        o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
        o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions
        {
            Name = Print.Name, DisplayNameDa = "Brev", DisplayNameEn = "Letter", Address = ProtocolAddress.None,
            Delivery = ProtocolDelivery.Collected, // Letters wait for the next print run (ILetterRuns): no channel sends them.
        });

        // A welcome and an overdue notice must reach everyone: a letter when the borrower has chosen no protocol.
        // A reservation notice has no alternative: without contact details it is "Mangler kontaktoplysninger".
        o.Types[NotificationType.WelcomeBorrower.Name] = new NotificationTypeOptions { Protocols = { Protocol.Sms, Protocol.Email }, AlternativeProtocol = Print };
        o.Types[NotificationType.ReservationReady.Name] = new NotificationTypeOptions { Protocols = { Protocol.Sms, Protocol.Email, Protocol.DigitalPost } };
        // An overdue notice whose every message failed (a refused number, a bouncing address) is not left for staff: it
        // falls back to e-mail, then to a letter, whichever the borrower has not been sent and can receive.
        o.Types[NotificationType.OverdueNotice.Name] = new NotificationTypeOptions
        {
            Protocols = { Protocol.Sms, Protocol.Email, Protocol.DigitalPost },
            AlternativeProtocol = Print,
            Fallback = { Protocol.Email, Print },
        };

        // No text messages at night: an SMS due between 21:00 and 08:00 (Copenhagen time) waits for the morning.
        o.QuietHours[Protocol.Sms.Name] = new QuietHoursWindow { From = new TimeOnly(21, 0), To = new TimeOnly(8, 0) };

        // SMS, e-mail and Digital Post templates ship with the library; a user-defined protocol brings its own.
        o.Templates.Add(Letter(
            NotificationType.WelcomeBorrower,
            "Velkommen som låner hos {{ library_name }}",
            "Velkommen som låner hos {{ library_name }}. Du kan nu låne, reservere og forny materialer på biblioteket og på vores hjemmeside."));
        o.Templates.Add(Letter(
            NotificationType.ReservationReady,
            "Din reservering er klar til afhentning",
            "Din reservering \"{{ title }}\" er klar til afhentning. Hent den senest {{ pickup_by }}."));
        o.Templates.Add(Letter(
            NotificationType.OverdueNotice,
            "Rykker: afleveringsfristen er overskredet",
            "Afleveringsfristen for \"{{ title }}\" var {{ due_date }}. Aflever venligst materialet hurtigst muligt."));
    }

    private static TemplateOptions Letter(NotificationType type, string subject, string text) => new()
    {
        Type = type.Name,
        Protocol = Print.Name,
        Culture = "da",
        Subject = subject,
        Body = "Kære {{ borrower_name }}\n\n" + text + "\n\nVenlig hilsen\n{{ library_name }}",
    };
}
