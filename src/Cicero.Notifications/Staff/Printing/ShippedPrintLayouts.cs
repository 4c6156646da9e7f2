namespace Cicero.Notifications.Staff;

/// <summary>
/// The print layouts that ship with the library, in Danish and English: A4 print CSS, system fonts, no scripts and no
/// external resources. Hosts override them in <see cref="PrintOptions"/>.
/// </summary>
internal static class ShippedPrintLayouts
{
    /// <summary>Gets the shipped layout for a format and language.</summary>
    public static string For(PrintFormat format, bool english) => (format, english) switch
    {
        (PrintFormat.Html, false) => DanishHtml,
        (PrintFormat.Html, true) => EnglishHtml,
        (PrintFormat.Text, false) => DanishText,
        _ => EnglishText,
    };

    private const string Style = """
        <style>
        @page { size: A4; margin: 20mm 18mm 22mm 18mm; }
        * { box-sizing: border-box; }
        html { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #000; background: #fff; }
        body { margin: 0; }
        header { border-bottom: 1.5pt solid #000; padding-bottom: 4mm; margin-bottom: 8mm; }
        h1 { font-size: 18pt; margin: 0; }
        header p { margin: 1mm 0 0 0; color: #444; }
        table.meta { border-collapse: collapse; margin-bottom: 8mm; }
        table.meta th { text-align: left; font-weight: 600; padding: 1mm 8mm 1mm 0; vertical-align: top; white-space: nowrap; }
        table.meta td { padding: 1mm 0; }
        h2 { font-size: 13pt; margin: 0 0 3mm 0; }
        .body { white-space: pre-wrap; overflow-wrap: anywhere; }
        .notice { font-style: italic; }
        footer { margin-top: 12mm; border-top: 0.5pt solid #888; padding-top: 2mm; font-size: 8.5pt; color: #444; }
        @media screen { body { max-width: 174mm; margin: 12mm auto; padding: 0 6mm; } }
        @media print { header, table.meta, h2 { break-inside: avoid; } }
        </style>
        """;

    private const string DanishHtml = """
        <!DOCTYPE html>
        <html lang="da">
        <head>
        <meta charset="utf-8">
        <title>{{ library_name }} – {{ type }}</title>
        """ + "\n" + Style + "\n" + """
        </head>
        <body>
        <header>
        <h1>{{ library_name }}</h1>
        <p>Udskrift af besked</p>
        </header>
        <main>
        <table class="meta">
        <tr><th scope="row">Beskedtype</th><td>{{ type }}</td></tr>
        <tr><th scope="row">Protokol</th><td>{{ protocol }}</td></tr>
        {{~ if branch ~}}
        <tr><th scope="row">Filial</th><td>{{ branch }}</td></tr>
        {{~ end ~}}
        <tr><th scope="row">Status</th><td>{{ status }}{{ if handled_manually }} (håndteret manuelt){{ end }}{{ if dismissed }} (fjernet fra beskedkøen){{ end }}{{ if held }} (afventer bekræftelse af e-mailadressen){{ end }}{{ if letter_run }} (venter på næste brevudskrivning){{ end }}</td></tr>
        <tr><th scope="row">Sendetidspunkt</th><td>{{ created_at }}</td></tr>
        <tr><th scope="row">Senest ændret</th><td>{{ changed_at }}</td></tr>
        {{~ if delivered_at ~}}
        <tr><th scope="row">Leveret</th><td>{{ delivered_at }}</td></tr>
        {{~ end ~}}
        {{~ if not_before ~}}
        <tr><th scope="row">Sendes tidligst</th><td>{{ not_before }}</td></tr>
        {{~ end ~}}
        <tr><th scope="row">Modtager</th><td>{{ if anonymized }}(anonymiseret){{ else if recipient }}{{ recipient }}{{ else }}(ingen){{ end }}</td></tr>
        <tr><th scope="row">Besked-id</th><td>{{ message_id }}</td></tr>
        </table>
        {{~ if anonymized ~}}
        <p class="notice">Beskedens indhold er anonymiseret.</p>
        {{~ else if body ~}}
        {{~ if subject ~}}
        <h2>{{ subject }}</h2>
        {{~ end ~}}
        <div class="body">{{ body }}</div>
        {{~ else ~}}
        <p class="notice">Beskeden har intet indhold.</p>
        {{~ end ~}}
        </main>
        <footer>Udskrevet {{ printed_at }}. Tidspunkter er angivet i tidszonen {{ time_zone }}.</footer>
        </body>
        </html>

        """;

    private const string EnglishHtml = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{ library_name }} – {{ type }}</title>
        """ + "\n" + Style + "\n" + """
        </head>
        <body>
        <header>
        <h1>{{ library_name }}</h1>
        <p>Printed message</p>
        </header>
        <main>
        <table class="meta">
        <tr><th scope="row">Message type</th><td>{{ type }}</td></tr>
        <tr><th scope="row">Protocol</th><td>{{ protocol }}</td></tr>
        {{~ if branch ~}}
        <tr><th scope="row">Branch</th><td>{{ branch }}</td></tr>
        {{~ end ~}}
        <tr><th scope="row">Status</th><td>{{ status }}{{ if handled_manually }} (handled manually){{ end }}{{ if dismissed }} (removed from the message queue){{ end }}{{ if held }} (waiting for the e-mail address to be verified){{ end }}{{ if letter_run }} (waiting for the next letter run){{ end }}</td></tr>
        <tr><th scope="row">Send time</th><td>{{ created_at }}</td></tr>
        <tr><th scope="row">Last changed</th><td>{{ changed_at }}</td></tr>
        {{~ if delivered_at ~}}
        <tr><th scope="row">Delivered</th><td>{{ delivered_at }}</td></tr>
        {{~ end ~}}
        {{~ if not_before ~}}
        <tr><th scope="row">Not before</th><td>{{ not_before }}</td></tr>
        {{~ end ~}}
        <tr><th scope="row">Recipient</th><td>{{ if anonymized }}(anonymized){{ else if recipient }}{{ recipient }}{{ else }}(none){{ end }}</td></tr>
        <tr><th scope="row">Message id</th><td>{{ message_id }}</td></tr>
        </table>
        {{~ if anonymized ~}}
        <p class="notice">The content of this message has been anonymized.</p>
        {{~ else if body ~}}
        {{~ if subject ~}}
        <h2>{{ subject }}</h2>
        {{~ end ~}}
        <div class="body">{{ body }}</div>
        {{~ else ~}}
        <p class="notice">The message has no content.</p>
        {{~ end ~}}
        </main>
        <footer>Printed {{ printed_at }}. Times are given in the time zone {{ time_zone }}.</footer>
        </body>
        </html>

        """;

    private const string DanishText = """
        {{ library_name }}
        Udskrift af besked
        ==================================================

        Beskedtype:      {{ type }}
        Protokol:        {{ protocol }}
        {{~ if branch ~}}
        Filial:          {{ branch }}
        {{~ end ~}}
        Status:          {{ status }}{{ if handled_manually }} (håndteret manuelt){{ end }}{{ if dismissed }} (fjernet fra beskedkøen){{ end }}{{ if held }} (afventer bekræftelse af e-mailadressen){{ end }}{{ if letter_run }} (venter på næste brevudskrivning){{ end }}
        Sendetidspunkt:  {{ created_at }}
        Senest ændret:   {{ changed_at }}
        {{~ if delivered_at ~}}
        Leveret:         {{ delivered_at }}
        {{~ end ~}}
        {{~ if not_before ~}}
        Sendes tidligst: {{ not_before }}
        {{~ end ~}}
        Modtager:        {{ if anonymized }}(anonymiseret){{ else if recipient }}{{ recipient }}{{ else }}(ingen){{ end }}
        Besked-id:       {{ message_id }}

        {{~ if anonymized ~}}
        Beskedens indhold er anonymiseret.
        {{~ else if body ~}}
        {{~ if subject ~}}
        Emne: {{ subject }}

        {{~ end ~}}
        {{ body }}
        {{~ else ~}}
        Beskeden har intet indhold.
        {{~ end ~}}

        --------------------------------------------------
        Udskrevet {{ printed_at }}. Tidspunkter er angivet i tidszonen {{ time_zone }}.

        """;

    private const string EnglishText = """
        {{ library_name }}
        Printed message
        ==================================================

        Message type:    {{ type }}
        Protocol:        {{ protocol }}
        {{~ if branch ~}}
        Branch:          {{ branch }}
        {{~ end ~}}
        Status:          {{ status }}{{ if handled_manually }} (handled manually){{ end }}{{ if dismissed }} (removed from the message queue){{ end }}{{ if held }} (waiting for the e-mail address to be verified){{ end }}{{ if letter_run }} (waiting for the next letter run){{ end }}
        Send time:       {{ created_at }}
        Last changed:    {{ changed_at }}
        {{~ if delivered_at ~}}
        Delivered:       {{ delivered_at }}
        {{~ end ~}}
        {{~ if not_before ~}}
        Not before:      {{ not_before }}
        {{~ end ~}}
        Recipient:       {{ if anonymized }}(anonymized){{ else if recipient }}{{ recipient }}{{ else }}(none){{ end }}
        Message id:      {{ message_id }}

        {{~ if anonymized ~}}
        The content of this message has been anonymized.
        {{~ else if body ~}}
        {{~ if subject ~}}
        Subject: {{ subject }}

        {{~ end ~}}
        {{ body }}
        {{~ else ~}}
        The message has no content.
        {{~ end ~}}

        --------------------------------------------------
        Printed {{ printed_at }}. Times are given in the time zone {{ time_zone }}.

        """;
}
