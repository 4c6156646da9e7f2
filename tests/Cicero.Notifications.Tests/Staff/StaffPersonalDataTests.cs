using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.Logging.Testing;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>Staff operations handle addresses, CPR numbers, content and notes; none of it reaches logs or exception messages.</summary>
public sealed class StaffPersonalDataTests
{
    private const string Note = "Karen Hansen ringede fra 20123456";
    private const string StaffId = "medarbejder-jens.jensen";

    private static readonly string[] PersonalData =
    [
        "+4520123456", "20123456", "20 12 34 56", "laaner@example.dk", "0101901234", "010190-1234", "010190", "Kongens Fald", Note, StaffId,
    ];

    [Fact]
    public async Task Logs_of_staff_actions_printing_and_refusals_hold_no_personal_data()
    {
        using var host = new StaffHost();
        await StaffWorkAsync(host);

        var logged = host.Logs.GetSnapshot().SelectMany(Texts).ToList();

        logged.Should().NotContain(text => PersonalData.Any(pd => text.Contains(pd, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Staff_log_messages_use_event_ids_100_to_149()
    {
        using var host = new StaffHost();
        await StaffWorkAsync(host);

        var staffRecords = host.Logs.GetSnapshot().Where(r => r.Category is { } c && (c.EndsWith(".MessageQueue", StringComparison.Ordinal) || c.EndsWith(".MessagePrinter", StringComparison.Ordinal)));

        staffRecords.Select(r => r.Id.Id).Should().NotBeEmpty().And.OnlyContain(id => id >= 100 && id <= 149);
    }

    [Fact]
    public async Task Refusal_messages_hold_no_personal_data()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56", cpr: "010190-1234");
        host.Sms.Then(DeliveryResult.PermanentFailure("Unknown subscriber"));
        var failed = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();
        await host.Dispatcher.DispatchDueAsync();
        var messages = new List<string>();
        foreach (var act in new Func<Task>[]
        {
            () => host.Queue.RerouteAsync(failed.Id, Protocol.Email, StaffId, Note),
            () => host.Queue.RerouteAsync(failed.Id, StaffHost.App, StaffId, Note),
            () => host.Queue.RerouteAsync(failed.Id, Protocol.Parse("Fax"), StaffId, Note),
            () => host.Queue.DismissAsync(MessageId.From(Guid.Parse("0197a000-0000-7000-8000-0000000000ff")), StaffId, Note),
        })
        {
            messages.Add((await act.Should().ThrowAsync<MessageActionException>()).Which.Message);
        }

        messages.Should().NotContain(text => PersonalData.Any(pd => text.Contains(pd, StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task StaffWorkAsync(StaffHost host)
    {
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56", email: "laaner@example.dk", cpr: "010190-1234");
        host.Sms.Then(DeliveryResult.PermanentFailure("Unknown subscriber"), DeliveryResult.PermanentFailure("Unknown subscriber"));
        await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower);
        await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower);
        await host.Dispatcher.DispatchDueAsync();
        var failed = (await host.Queue.ListAsync(MessageQueueFilter.All, new PageRequest())).Items.Select(r => r.Id).ToList();

        await host.Printer.PrintAsync(failed[0]);
        await host.Queue.RerouteAsync(failed[0], Protocol.DigitalPost, StaffId, Note);
        await host.Queue.MarkHandledAsync(failed[1], StaffId, Note);
        await Refused(() => host.Queue.RetryAsync(failed[1], StaffId, Note));
        await Refused(() => host.Queue.RerouteAsync(failed[1], StaffHost.App, StaffId, Note));
        await host.Dispatcher.DispatchDueAsync();
        await host.Printer.PrintAsync(failed[0]);
    }

    private static async Task Refused(Func<Task> act) => await act.Should().ThrowAsync<MessageActionException>();

    private static IEnumerable<string> Texts(FakeLogRecord record)
    {
        yield return record.Message;
        foreach (var (_, value) in record.StructuredState ?? [])
        {
            yield return value ?? "";
        }
    }
}
