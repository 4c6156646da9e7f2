using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>
/// Seeds the demo on first start: the register's borrowers with contact details covering every situation the console
/// sample shows, a notice or two each, dispatched — so the Messages tab shows all four statuses and the message queue
/// holds gateway refusals. Everything goes through the services a host resolves.
/// </summary>
public sealed class DemoData(IBorrowerProfiles profiles, INotifier notifier, IMessageDispatcher dispatcher, SampleClock clock)
{
    /// <summary>The borrower whose Messages tab shows all four statuses.</summary>
    public static readonly BorrowerId FourStatuses = BorrowerId.Parse("L-1006");

    /// <summary>Seeds the demo data unless the database already has it; returns whether it seeded.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await profiles.GetAsync(BorrowerRegister.All[0].Id, cancellationToken) is not null)
        {
            return false;
        }

        foreach (var borrower in BorrowerRegister.All)
        {
            await SeedAsync(borrower, cancellationToken);
            await DispatchAllAsync(cancellationToken);
            clock.Advance(TimeSpan.FromMinutes(7));
        }

        return true;
    }

    /// <summary>Dispatches until nothing is due.</summary>
    public async Task<DispatchResult> DispatchAllAsync(CancellationToken cancellationToken = default)
    {
        var total = new DispatchResult(0, 0, 0, 0, 0);
        for (var i = 0; i < 20; i++)
        {
            var result = await dispatcher.DispatchDueAsync(cancellationToken);
            total = new DispatchResult(total.Claimed + result.Claimed, total.Delivered + result.Delivered, total.Retrying + result.Retrying, total.Failed + result.Failed, total.Paused + result.Paused);
            if (result.Claimed == 0)
            {
                break;
            }
        }

        return total;
    }

    private async Task SeedAsync(RegisteredBorrower borrower, CancellationToken ct)
    {
        var id = borrower.Id;
        await profiles.CreateAsync(id, ct);
        var i = borrower.Index;
        switch (i)
        {
            case 0: // SMS and an imported e-mail: everything is sent.
                await profiles.AddPhoneAsync(id, "20 12 34 56", ContactPurpose.Notification, ContactSource.Import, ct);
                await profiles.AddEmailAsync(id, "karen.holm@example.dk", ContactPurpose.Notification, ContactSource.Import, ct);
                await NotifyAsync(borrower, NotificationType.ReservationReady, ct);
                break;
            case 1: // An e-mail typed in at the desk: its verification mail goes out, the welcome waits (held).
                await profiles.AddEmailAsync(id, "mads.berg@example.dk", ContactPurpose.Notification, ContactSource.Manual, ct);
                await NotifyAsync(borrower, NotificationType.WelcomeBorrower, ct);
                break;
            case 2: // No contact details: the overdue notice's alternative protocol, a letter.
                await NotifyAsync(borrower, NotificationType.OverdueNotice, ct);
                break;
            case 3: // No contact details and no alternative: Mangler kontaktoplysninger.
                await NotifyAsync(borrower, NotificationType.ReservationReady, ct);
                break;
            case 4: // A company with a CVR number and Digital Post.
                await profiles.SetCvrAsync(id, "29876541", ct);
                await profiles.OptInAsync(id, Protocol.DigitalPost.Name, ct);
                await NotifyAsync(borrower, NotificationType.OverdueNotice, ct);
                break;
            case 5: // All four statuses on one Messages tab.
                await profiles.AddEmailAsync(id, "sofie.dahl.gammel@example.dk", ContactPurpose.Notification, ContactSource.Import, ct);
                await NotifyAsync(borrower, NotificationType.WelcomeBorrower, ct);
                await DispatchAllAsync(ct);
                clock.Advance(TimeSpan.FromMinutes(3));
                await profiles.RemoveEmailAsync(id, "sofie.dahl.gammel@example.dk", ct);
                await profiles.AddPhoneAsync(id, "31 45 67 89", ContactPurpose.Notification, ContactSource.Manual, ct);
                await profiles.AddEmailAsync(id, "sofie.dahl@example.dk", ContactPurpose.Notification, ContactSource.Manual, ct);
                await NotifyAsync(borrower, NotificationType.ReservationReady, ct);
                await NotifyAsync(borrower, SampleSetup.BalanceStatement, ct);
                break;
            case 6: // An e-mail address that is never verified: it expires after three days.
                await profiles.AddEmailAsync(id, "peter.lund@example.dk", ContactPurpose.Notification, ContactSource.Manual, ct);
                await NotifyAsync(borrower, NotificationType.WelcomeBorrower, ct);
                break;
            case 7: // A person with a CPR number, Digital Post and a phone.
                await profiles.AddPhoneAsync(id, "40 11 22 33", ContactPurpose.Notification, ContactSource.Import, ct);
                await profiles.SetCprAsync(id, "010190-1234", ct);
                await profiles.OptInAsync(id, Protocol.DigitalPost.Name, ct);
                await NotifyAsync(borrower, NotificationType.ReservationReady, ct);
                await NotifyAsync(borrower, SampleSetup.BalanceStatement, ct);
                break;
            case var _ when i % 4 == 0: // A number the gateway refuses: a reservation notice in the message queue.
                await profiles.AddPhoneAsync(id, Number("31 45", i), ContactPurpose.Notification, ContactSource.Import, ct);
                await NotifyAsync(borrower, NotificationType.ReservationReady, ct);
                break;
            case var _ when i % 4 == 1: // A working number.
                await profiles.AddPhoneAsync(id, Number("22 33", i), ContactPurpose.Notification, ContactSource.Import, ct);
                await NotifyAsync(borrower, NotificationType.DueDateReminder, ct);
                break;
            case var _ when i % 4 == 2: // A refused number and an overdue notice: in the message queue too.
                await profiles.AddPhoneAsync(id, Number("31 45", i), ContactPurpose.Notification, ContactSource.Import, ct);
                await NotifyAsync(borrower, NotificationType.OverdueNotice, ct);
                break;
            default: // An imported e-mail.
                await profiles.AddEmailAsync(id, $"laaner{i}@example.dk", ContactPurpose.Notification, ContactSource.Import, ct);
                await NotifyAsync(borrower, NotificationType.ReservationReady, ct);
                break;
        }
    }

    private async Task NotifyAsync(RegisteredBorrower borrower, NotificationType type, CancellationToken ct)
    {
        // Even-numbered borrowers belong to the main library, odd ones to the north branch.
        var branch = borrower.Index % 2 == 0 ? "HB" : "Filial-Nord";
        await notifier.NotifyAsync(new Notification(borrower.Id, type) { Data = SampleSetup.DataFor(type, borrower.Name), Branch = branch }, ct);
        clock.Advance(TimeSpan.FromMinutes(1));
    }

    private static string Number(string prefix, int i) => string.Create(CultureInfo.InvariantCulture, $"{prefix} {i:00} 00");
}
