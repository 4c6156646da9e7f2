namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>
/// The verification page layouts that ship with the library, in Danish and English: one small self-contained page (no
/// scripts, no external resources, system fonts, readable on a phone). Hosts override them in
/// <see cref="EmailVerificationPageOptions.Layouts"/>.
/// </summary>
internal static class ShippedVerificationPageLayouts
{
    /// <summary>Gets the shipped layout for a language.</summary>
    public static string For(bool english) => english ? English : Danish;

    private const string Style = """
        <style nonce="{{ csp_nonce }}">
        * { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 18px; line-height: 1.5; color: #1a1a1a; background: #f4f4f2; }
        body { margin: 0; padding: 2rem 1rem; }
        main { max-width: 32rem; margin: 0 auto; background: #fff; border-radius: 0.5rem; padding: 1.5rem 1.5rem 2rem; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.15); }
        .library { margin: 0 0 1rem; font-size: 0.9rem; color: #555; }
        h1 { font-size: 1.4rem; margin: 0 0 1rem; line-height: 1.25; }
        p { margin: 0 0 1rem; }
        button { font: inherit; font-weight: 600; color: #fff; background: #1d5c3a; border: 0; border-radius: 0.4rem; padding: 0.75rem 1.25rem; width: 100%; cursor: pointer; }
        button:hover, button:focus-visible { background: #144229; }
        button:focus-visible { outline: 3px solid #f2b01e; outline-offset: 2px; }
        .what-to-do { border-left: 4px solid #f2b01e; padding-left: 0.75rem; }
        </style>
        """;

    private const string Danish = """
        <!DOCTYPE html>
        <html lang="{{ culture }}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <title>Bekræft e-mailadresse – {{ library_name }}</title>
        """ + "\n" + Style + "\n" + """
        </head>
        <body>
        <main data-state="{{ state }}">
        <p class="library">{{ library_name }}</p>
        {{~ if state == "confirm" ~}}
        <h1>Bekræft din e-mailadresse</h1>
        <p>Klik på knappen for at bekræfte, at e-mailadressen er din. Derefter sender {{ library_name }} dine beskeder til den.</p>
        <form method="post" action="{{ form_action }}">
        {{ form_fields }}
        <button type="submit">Bekræft e-mailadresse</button>
        </form>
        {{~ else if state == "verified" ~}}
        <h1>Tak – din e-mailadresse er bekræftet</h1>
        <p>Fremover får du beskeder fra {{ library_name }} på e-mail. Du kan lukke siden.</p>
        {{~ else if state == "already_verified" ~}}
        <h1>Din e-mailadresse er allerede bekræftet</h1>
        <p>Du behøver ikke gøre mere. Du kan lukke siden.</p>
        {{~ else if state == "expired" ~}}
        <h1>Linket er udløbet</h1>
        <p>E-mailadressen blev ikke bekræftet i tide, så den er ikke bekræftet.</p>
        <p class="what-to-do">Kontakt {{ library_name }}, og bed om at få sendt et nyt link.</p>
        {{~ else if state == "unknown" ~}}
        <h1>Linket virker ikke</h1>
        <p>Måske er der sendt et nyere link, eller også er linket ikke kommet helt med. E-mailadressen er ikke bekræftet.</p>
        <p class="what-to-do">Brug linket i den nyeste e-mail fra {{ library_name }}, eller kontakt biblioteket, og bed om at få sendt et nyt link.</p>
        {{~ else ~}}
        <h1>Der skete ikke noget</h1>
        <p>Siden havde været åben for længe, eller forespørgslen kom ikke fra bibliotekets side. E-mailadressen er ikke bekræftet.</p>
        <p class="what-to-do">Åbn linket i e-mailen igen, og klik på knappen.</p>
        {{~ end ~}}
        </main>
        </body>
        </html>

        """;

    private const string English = """
        <!DOCTYPE html>
        <html lang="{{ culture }}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <title>Verify e-mail address – {{ library_name }}</title>
        """ + "\n" + Style + "\n" + """
        </head>
        <body>
        <main data-state="{{ state }}">
        <p class="library">{{ library_name }}</p>
        {{~ if state == "confirm" ~}}
        <h1>Verify your e-mail address</h1>
        <p>Click the button to confirm that this e-mail address is yours. {{ library_name }} will then send your messages to it.</p>
        <form method="post" action="{{ form_action }}">
        {{ form_fields }}
        <button type="submit">Verify e-mail address</button>
        </form>
        {{~ else if state == "verified" ~}}
        <h1>Thank you – your e-mail address is verified</h1>
        <p>From now on you will receive messages from {{ library_name }} by e-mail. You can close this page.</p>
        {{~ else if state == "already_verified" ~}}
        <h1>Your e-mail address is already verified</h1>
        <p>There is nothing more to do. You can close this page.</p>
        {{~ else if state == "expired" ~}}
        <h1>The link has expired</h1>
        <p>The e-mail address was not verified in time, so it is not verified.</p>
        <p class="what-to-do">Contact {{ library_name }} and ask them to send you a new link.</p>
        {{~ else if state == "unknown" ~}}
        <h1>The link does not work</h1>
        <p>A newer link may have been sent, or the link was not copied in full. The e-mail address is not verified.</p>
        <p class="what-to-do">Use the link in the newest e-mail from {{ library_name }}, or contact the library and ask them to send you a new link.</p>
        {{~ else ~}}
        <h1>Nothing was done</h1>
        <p>The page had been open for too long, or the request did not come from the library's page. The e-mail address is not verified.</p>
        <p class="what-to-do">Open the link in the e-mail again and click the button.</p>
        {{~ end ~}}
        </main>
        </body>
        </html>

        """;
}
