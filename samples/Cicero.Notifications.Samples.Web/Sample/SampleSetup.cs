using Cicero.Notifications.Domain;
using Cicero.Notifications.Templates;

namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>
/// The library's server setup (Serveropsætning): the protocols of each notification type, the user-defined protocol
/// <c>Print</c> with its letter templates, and a host-defined type that goes by Digital Post only.
/// </summary>
public static class SampleSetup
{
    /// <summary>The library's name.</summary>
    public const string LibraryName = "Eksempelby Bibliotek";

    /// <summary>The library's own CVR number, the sender of its Digital Post.</summary>
    public const string LibraryCvr = "13585628";

    /// <summary>The path of the verification page (the library's page from Cicero.Notifications.AspNetCore).</summary>
    public const string VerificationPath = "/bekraeft-email";

    /// <summary>The user-defined protocol for printed letters (no address: staff post them).</summary>
    public static readonly Protocol Print = Protocol.Parse("Print");

    /// <summary>A host-defined type: balance statements go by Digital Post only (no alternative).</summary>
    public static readonly NotificationType BalanceStatement = NotificationType.Parse("BalanceStatement");

    /// <summary>Configures the library.</summary>
    public static void Configure(CiceroNotificationsOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.LibraryName = LibraryName;

        // The mail's link points at this path on localhost (Program.cs adds the port it chose); the sample outbox opens it
        // on whatever address the sample runs.
        o.Verification.BaseUrl = new Uri("http://localhost" + VerificationPath);
        // Two branches: every notice names the borrower's home library, and staff filter the message queue by it.
        o.Branches["HB"] = new BranchOptions { DisplayNameDa = "Hovedbiblioteket", DisplayNameEn = "Main library" };
        o.Branches["Filial-Nord"] = new BranchOptions { DisplayNameDa = "Filial Nord", DisplayNameEn = "North branch" };

        // Letters are collected: they wait until staff print them on the Breve page (ILetterRuns); no channel sends them.
        o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = Print.Name, DisplayNameDa = "Brev", DisplayNameEn = "Letter", Address = ProtocolAddress.None, Delivery = ProtocolDelivery.Collected });

        o.Types[NotificationType.WelcomeBorrower.Name] = new NotificationTypeOptions { Protocols = { Protocol.Sms, Protocol.Email }, AlternativeProtocol = Print };
        o.Types[NotificationType.ReservationReady.Name] = new NotificationTypeOptions { Protocols = { Protocol.Sms, Protocol.Email, Protocol.DigitalPost } };
        o.Types[NotificationType.DueDateReminder.Name] = new NotificationTypeOptions { Protocols = { Protocol.Email, Protocol.Sms } };
        o.Types[NotificationType.OverdueNotice.Name] = new NotificationTypeOptions { Protocols = { Protocol.Sms, Protocol.Email, Protocol.DigitalPost }, AlternativeProtocol = Print };
        o.Types[BalanceStatement.Name] = new NotificationTypeOptions { Protocols = { Protocol.DigitalPost }, DisplayNameDa = "Saldoopgørelse", DisplayNameEn = "Balance statement" };

        o.Templates.Add(new TemplateOptions { Type = BalanceStatement.Name, Protocol = Protocol.DigitalPost.Name, Culture = "da", Subject = "Saldoopgørelse", Body = "Kære {{ borrower_name }}\n\nDin saldo hos {{ library_name }} er {{ balance }} kr." });
        o.Templates.Add(new TemplateOptions { Type = BalanceStatement.Name, Protocol = Protocol.DigitalPost.Name, Culture = "en", Subject = "Balance statement", Body = "Dear {{ borrower_name }}\n\nYour balance at {{ library_name }} is DKK {{ balance }}." });
        o.Templates.Add(Letter(NotificationType.WelcomeBorrower, "Velkommen som låner hos {{ library_name }}", "Velkommen som låner hos {{ library_name }}. Du kan nu låne, reservere og forny materialer."));
        o.Templates.Add(Letter(NotificationType.ReservationReady, "Din reservering er klar til afhentning", "Din reservering \"{{ title }}\" er klar til afhentning. Hent den senest {{ pickup_by }}."));
        o.Templates.Add(Letter(NotificationType.DueDateReminder, "Husk afleveringsdatoen", "Husk at aflevere \"{{ title }}\" senest {{ due_date }}."));
        o.Templates.Add(Letter(NotificationType.OverdueNotice, "Rykker: afleveringsfristen er overskredet", "Afleveringsfristen for \"{{ title }}\" var {{ due_date }}. Aflever venligst materialet hurtigst muligt."));
    }

    /// <summary>The data a notice of <paramref name="type"/> carries in the sample (what the library system would send).</summary>
    public static Dictionary<string, object?> DataFor(NotificationType type, string borrowerName)
    {
        ArgumentNullException.ThrowIfNull(type);
        var data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["borrower_name"] = borrowerName };
        if (type == NotificationType.ReservationReady)
        {
            data["title"] = "Kongens Fald";
            data["pickup_by"] = new DateOnly(2026, 12, 11);
        }
        else if (type == NotificationType.DueDateReminder || type == NotificationType.OverdueNotice)
        {
            data["title"] = "Ternet Ninja";
            data["due_date"] = new DateOnly(2026, 11, 20);
        }
        else if (type == BalanceStatement)
        {
            data["balance"] = 45;
        }

        return data;
    }

    /// <summary>The types staff can send from the borrower page (as the library system would).</summary>
    public static IReadOnlyList<NotificationType> SendableTypes { get; } =
        [NotificationType.WelcomeBorrower, NotificationType.ReservationReady, NotificationType.DueDateReminder, NotificationType.OverdueNotice, BalanceStatement];

    private static TemplateOptions Letter(NotificationType type, string subject, string text) => new()
    {
        Type = type.Name,
        Protocol = Print.Name,
        Culture = "da",
        Subject = subject,
        Body = "Kære {{ borrower_name }}\n\n" + text + "\n\nVenlig hilsen\n{{ library_name }}",
    };
}
