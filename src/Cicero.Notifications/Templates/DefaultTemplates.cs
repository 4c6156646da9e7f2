using System.Text;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Templates;

/// <summary>
/// The templates that ship with the library, in Danish (<c>da</c>) and English (<c>en</c>): WelcomeBorrower,
/// ReservationReady, DueDateReminder and OverdueNotice on SMS, e-mail (subject, text and HTML) and Digital Post
/// (subject and text), and EmailVerification on e-mail. Options and template sources override them.
/// </summary>
/// <remarks>
/// <para>Every template may use <c>library_name</c>, which the renderer adds from
/// <see cref="CiceroNotificationsOptions.LibraryName"/>, and <c>items</c>: null, or for a type with a digest window the
/// list of the digest's notifications' data. Beyond that, pass these variables (see <see cref="Variables"/>):</para>
/// <list type="table">
/// <listheader><term>Type</term><description>Variables</description></listheader>
/// <item><term>WelcomeBorrower</term><description><c>borrower_name</c> (text): the borrower's name.</description></item>
/// <item><term>ReservationReady</term><description><c>borrower_name</c>; <c>title</c> (text): the reserved material;
/// <c>pickup_by</c> (date): the last day it can be collected.</description></item>
/// <item><term>DueDateReminder</term><description><c>borrower_name</c>; <c>title</c>; <c>due_date</c> (date): the loan's due date.</description></item>
/// <item><term>OverdueNotice</term><description><c>borrower_name</c>; <c>title</c>; <c>due_date</c>: the due date that has passed.</description></item>
/// <item><term>EmailVerification</term><description><c>verification_url</c> (text): the link that confirms the address;
/// <c>expires_at</c> (date and time): when the link and the unverified address expire.</description></item>
/// </list>
/// <para>ReservationReady and DueDateReminder support digests: with more than one item they list every title with its
/// date (the SMS lists the titles and the earliest date).</para>
/// <para>Dates print as <c>12. marts 2025</c> (Danish) or <c>12 March 2025</c> (English), with <c>kl. 14.30</c> / <c>14:30</c>
/// when they have a time of day. SMS texts use only GSM 03.38 characters and stay within one or two segments for
/// ordinary titles.</para>
/// </remarks>
internal static class DefaultTemplates
{
    private const string Danish = "da";
    private const string English = "en";

    /// <summary>Gets the variables each shipped template uses, besides <c>library_name</c>.</summary>
    public static IReadOnlyDictionary<NotificationType, IReadOnlyList<string>> Variables { get; } = new Dictionary<NotificationType, IReadOnlyList<string>>
    {
        [NotificationType.WelcomeBorrower] = ["borrower_name"],
        [NotificationType.ReservationReady] = ["borrower_name", "title", "pickup_by"],
        [NotificationType.DueDateReminder] = ["borrower_name", "title", "due_date"],
        [NotificationType.OverdueNotice] = ["borrower_name", "title", "due_date"],
        [NotificationType.EmailVerification] = ["verification_url", "expires_at"],
    };

    /// <summary>Gets every shipped template.</summary>
    public static IReadOnlyList<MessageTemplate> All { get; } = [.. CreateDanish(), .. CreateEnglish()];

    private static IEnumerable<MessageTemplate> CreateDanish()
    {
        const string signature = "\n\nVenlig hilsen\n{{ library_name }}";

        foreach (var template in Notice(
            NotificationType.WelcomeBorrower,
            Danish,
            sms: "Velkommen som låner hos {{ library_name }}! Du kan nu låne, reservere og forny. Vi glæder os til at se dig.",
            subject: "Velkommen som låner hos {{ library_name }}",
            body: "Kære {{ borrower_name }}\n\n"
                + "Velkommen som låner hos {{ library_name }}. Du kan nu låne, reservere og forny materialer på biblioteket og på vores hjemmeside.\n\n"
                + "Vi giver dig besked, når en reservering er klar til afhentning, og før dine lån skal afleveres."
                + signature))
        {
            yield return template;
        }

        foreach (var template in Notice(
            NotificationType.ReservationReady,
            Danish,
            sms: "{{ library_name }}: " + Digest(
                many: "{{ items.size }} reserveringer er klar til afhentning: " + Titles + ". Hent dem senest " + Earliest("pickup_by") + ".",
                one: "Din reservering \"{{ title }}\" er klar til afhentning. Hent den senest {{ pickup_by }}."),
            subject: Digest(many: "{{ items.size }} reserveringer er klar til afhentning", one: "Din reservering er klar til afhentning"),
            body: "Kære {{ borrower_name }}\n\n"
                + Digest(
                    many: "Disse reserveringer er klar til afhentning:" + List("pickup_by", "hent senest") + "\n"
                        + "Efter fristen går de videre til den næste på ventelisten.",
                    one: "Din reservering \"{{ title }}\" er klar til afhentning. Hent den senest {{ pickup_by }}. "
                        + "Derefter går den videre til den næste på ventelisten.")
                + signature))
        {
            yield return template;
        }

        foreach (var template in Notice(
            NotificationType.DueDateReminder,
            Danish,
            sms: "{{ library_name }}: " + Digest(
                many: "Husk at aflevere eller forny {{ items.size }} lån: " + Titles + ". Det første skal afleveres senest " + Earliest("due_date") + ".",
                one: "Husk at aflevere eller forny \"{{ title }}\" senest {{ due_date }}."),
            subject: Digest(many: "Husk at aflevere {{ items.size }} lån", one: "Husk at aflevere senest {{ due_date }}"),
            body: "Kære {{ borrower_name }}\n\n"
                + Digest(
                    many: "Vi minder dig om, at disse lån snart skal afleveres:" + List("due_date", "senest") + "\n"
                        + "Har ingen andre reserveret materialerne, kan du forny lånene.",
                    one: "Vi minder dig om, at \"{{ title }}\" skal afleveres senest {{ due_date }}. "
                        + "Har ingen andre reserveret materialet, kan du forny lånet.")
                + signature))
        {
            yield return template;
        }

        foreach (var template in Notice(
            NotificationType.OverdueNotice,
            Danish,
            sms: "{{ library_name }}: Afleveringsfristen for \"{{ title }}\" var {{ due_date }}. Aflever venligst materialet hurtigst muligt.",
            subject: "Rykker: afleveringsfristen er overskredet",
            body: "Kære {{ borrower_name }}\n\n"
                + "Afleveringsfristen for \"{{ title }}\" var {{ due_date }}. "
                + "Vi beder dig aflevere materialet hurtigst muligt, så andre lånere også kan få glæde af det.\n\n"
                + "Har du allerede afleveret det, kan du se bort fra denne besked."
                + signature))
        {
            yield return template;
        }

        yield return Email(
            NotificationType.EmailVerification,
            Danish,
            subject: "Bekræft din e-mailadresse",
            body: "Hej\n\n"
                + "Denne e-mailadresse er blevet knyttet til et lånerkort hos {{ library_name }}. "
                + "Bekræft adressen ved at åbne linket herunder:\n\n"
                + "{{ verification_url }}\n\n"
                + "Linket udløber {{ expires_at }}. Bekræfter du ikke adressen inden da, bliver den fjernet fra lånerkortet.\n\n"
                + "Har du ikke bedt om dette, kan du se bort fra denne e-mail."
                + signature);
    }

    private static IEnumerable<MessageTemplate> CreateEnglish()
    {
        const string signature = "\n\nKind regards\n{{ library_name }}";

        foreach (var template in Notice(
            NotificationType.WelcomeBorrower,
            English,
            sms: "Welcome to {{ library_name }}! You can now borrow, reserve and renew. We look forward to seeing you.",
            subject: "Welcome to {{ library_name }}",
            body: "Dear {{ borrower_name }}\n\n"
                + "Welcome as a borrower at {{ library_name }}. You can now borrow, reserve and renew materials at the library and on our website.\n\n"
                + "We will let you know when a reservation is ready for pickup and before your loans are due."
                + signature))
        {
            yield return template;
        }

        foreach (var template in Notice(
            NotificationType.ReservationReady,
            English,
            sms: "{{ library_name }}: " + Digest(
                many: "{{ items.size }} reservations are ready for pickup: " + Titles + ". Please collect them by " + Earliest("pickup_by") + ".",
                one: "Your reservation \"{{ title }}\" is ready for pickup. Please collect it by {{ pickup_by }}."),
            subject: Digest(many: "{{ items.size }} reservations are ready for pickup", one: "Your reservation is ready for pickup"),
            body: "Dear {{ borrower_name }}\n\n"
                + Digest(
                    many: "These reservations are ready for pickup:" + List("pickup_by", "collect by") + "\n"
                        + "After that they go to the next person on the waiting list.",
                    one: "Your reservation \"{{ title }}\" is ready for pickup. Please collect it by {{ pickup_by }}. "
                        + "After that it goes to the next person on the waiting list.")
                + signature))
        {
            yield return template;
        }

        foreach (var template in Notice(
            NotificationType.DueDateReminder,
            English,
            sms: "{{ library_name }}: " + Digest(
                many: "Please return or renew {{ items.size }} loans: " + Titles + ". The first is due on " + Earliest("due_date") + ".",
                one: "Please return or renew \"{{ title }}\" by {{ due_date }}."),
            subject: Digest(many: "Please return {{ items.size }} loans", one: "Please return your loan by {{ due_date }}"),
            body: "Dear {{ borrower_name }}\n\n"
                + Digest(
                    many: "This is a friendly reminder that these loans are due soon:" + List("due_date", "due") + "\n"
                        + "If no one else has reserved them, you can renew the loans.",
                    one: "This is a friendly reminder that \"{{ title }}\" is due on {{ due_date }}. "
                        + "If no one else has reserved it, you can renew the loan.")
                + signature))
        {
            yield return template;
        }

        foreach (var template in Notice(
            NotificationType.OverdueNotice,
            English,
            sms: "{{ library_name }}: \"{{ title }}\" was due on {{ due_date }}. Please return it as soon as possible.",
            subject: "Reminder: your loan is overdue",
            body: "Dear {{ borrower_name }}\n\n"
                + "\"{{ title }}\" was due on {{ due_date }}. "
                + "Please return it as soon as possible so that other borrowers can enjoy it too.\n\n"
                + "If you have already returned it, please ignore this message."
                + signature))
        {
            yield return template;
        }

        yield return Email(
            NotificationType.EmailVerification,
            English,
            subject: "Please confirm your e-mail address",
            body: "Hello\n\n"
                + "This e-mail address has been added to a library card at {{ library_name }}. "
                + "Please confirm it by opening the link below:\n\n"
                + "{{ verification_url }}\n\n"
                + "The link expires on {{ expires_at }}. If the address is not confirmed by then, it will be removed from the library card.\n\n"
                + "If you did not ask for this, you can ignore this e-mail."
                + signature);
    }

    /// <summary>The titles of a digest's items, quoted and separated by commas.</summary>
    private const string Titles = "{{ for item in items }}\"{{ item.title }}\"{{ if !for.last }}, {{ end }}{{ end }}";

    /// <summary>A digest's text (<c>items</c> of more than one notification) or a single notification's.</summary>
    private static string Digest(string many, string one) => "{{ if items && items.size > 1 }}" + many + "{{ else }}" + one + "{{ end }}";

    /// <summary>The earliest of a date variable across a digest's items.</summary>
    private static string Earliest(string variable) => "{{ items | array.map \"" + variable + "\" | array.sort | array.first }}";

    /// <summary>One line per item of a digest: its title and a date.</summary>
    private static string List(string variable, string label)
        => "{{ for item in items }}\n- \"{{ item.title }}\", " + label + " {{ item." + variable + " }}{{ end }}";

    private static IEnumerable<MessageTemplate> Notice(NotificationType type, string culture, string sms, string subject, string body)
    {
        yield return new MessageTemplate(type, Protocol.Sms, culture, null, sms);
        yield return Email(type, culture, subject, body);
        yield return new MessageTemplate(type, Protocol.DigitalPost, culture, subject, body);
    }

    private static MessageTemplate Email(NotificationType type, string culture, string subject, string body)
        => new(type, Protocol.Email, culture, subject, body, ToHtml(body, culture));

    /// <summary>
    /// Turns a plain-text default into a simple HTML e-mail: paragraphs at blank lines, line breaks kept, and a line
    /// holding only a <c>…_url</c> variable as a link. The default texts hold no literal <c>&lt;</c>, <c>&gt;</c> or <c>&amp;</c>;
    /// values are HTML-encoded by the renderer.
    /// </summary>
    private static string ToHtml(string body, string culture)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(culture).Append("\">\n")
            .Append("<head><meta charset=\"utf-8\"></head>\n")
            .Append("<body style=\"font-family: sans-serif; line-height: 1.5;\">\n");
        foreach (var paragraph in body.Split("\n\n"))
        {
            var lines = paragraph.Split('\n').Select(static line =>
                line.StartsWith("{{ ", StringComparison.Ordinal) && line.EndsWith("_url }}", StringComparison.Ordinal)
                    ? $"<a href=\"{line}\">{line}</a>"
                    : line);
            html.Append("<p>").AppendJoin("<br>\n", lines).Append("</p>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }
}
