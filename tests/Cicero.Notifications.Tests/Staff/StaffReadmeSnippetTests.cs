using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>The README's staff section shows the body of <see cref="RunAsync"/>: this test keeps it compiling and working.</summary>
public sealed class StaffReadmeSnippetTests
{
    [Fact]
    public async Task Readme_staff_snippet_moves_a_failed_SMS_to_e_mail_and_marks_the_rest_handled()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("L-100234", phone: "20 12 34 56", email: "laaner@example.dk");
        host.Sms.Then(DeliveryResult.PermanentFailure("Unknown subscriber"));
        host.Email.Then(DeliveryResult.PermanentFailure("Mailbox full"));
        var sms = (await host.NotifyAsync("L-100234", NotificationType.WelcomeBorrower)).Single();
        var email = (await host.NotifyAsync("L-100234", NotificationType.OverdueNotice)).Single();
        await host.Dispatcher.DispatchDueAsync();
        host.Clock.Advance(TimeSpan.FromHours(2));

        await RunAsync(host.Services);

        var after = new[] { (await host.Store.GetAsync(sms.Id))!, (await host.Store.GetAsync(email.Id))! };
        after.Select(m => (m.Protocol, m.Status, m.IsHandledManually)).Should().Equal(
            (Protocol.Email, MessageStatus.Pending, false),
            (Protocol.Email, MessageStatus.Sent, true));
    }

    private static async Task RunAsync(IServiceProvider provider)
    {
        var borrowerMessages = provider.GetRequiredService<IBorrowerMessages>();
        var printer = provider.GetRequiredService<IMessagePrinter>();
        var queue = provider.GetRequiredService<IMessageQueue>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        var staffCulture = CultureInfo.GetCultureInfo("da-DK");

        // The borrower's Messages tab: newest first, 25 at a time (pass page.Continuation for the next page).
        var page = await borrowerMessages.ListAsync(BorrowerId.Parse("L-100234"), new PageRequest(25), culture: staffCulture);
        foreach (var row in page.Items)
        {
            Console.WriteLine($"{row.CreatedAt:g}  {row.TypeName}  {row.ProtocolName}  {row.StatusName}  {row.Recipient}");
        }

        // Print one message: self-contained HTML with A4 print CSS for the browser's print dialog, and plain text.
        if (page.Items.Count > 0 && await printer.PrintAsync(page.Items[0].Id) is { } printed)
        {
            Console.WriteLine(printed.Text);
        }

        // The message queue (Beskedkø): failed messages at least an hour old, oldest first.
        var filter = new MessageQueueFilter { CreatedAtOrBefore = now.AddHours(-1) };
        var queued = await queue.ListAsync(filter, new PageRequest(50), staffCulture);
        foreach (var row in queued.Items)
        {
            try
            {
                if (row.Protocol == Protocol.Sms && row.AvailableActions.HasFlag(MessageActions.Reroute))
                {
                    // Send it by e-mail instead, to the address the borrower has now.
                    await queue.RerouteAsync(row.Id, Protocol.Email, staffId: "jens", note: "Nummeret findes ikke");
                }
                else
                {
                    await queue.MarkHandledAsync(row.Id, staffId: "jens", note: "Udskrevet og sendt med posten");
                }
            }
            catch (MessageConflictException)
            {
                // Someone else acted on it first: reload the queue and decide again.
            }
            catch (MessageActionException ex) when (ex.Refusal == MessageActionRefusal.NoAddress)
            {
                await queue.MarkHandledAsync(row.Id, staffId: "jens", note: "Ingen e-mailadresse; låneren er ringet op");
            }
        }
    }
}
