using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Tests.Staff;

public sealed class MessageQueueTests
{
    [Fact]
    public async Task Failed_message_appears_in_the_queue()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var page = await host.Queue.ListAsync(MessageQueueFilter.All, new PageRequest());

        page.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            failed.Id,
            Status = MessageStatus.Failed,
            FailureKind = MessageFailureKind.Rejected,
            FailureReason = "Unknown subscriber",
            AvailableActions = MessageActions.Retry | MessageActions.Reroute | MessageActions.MarkHandled | MessageActions.Dismiss,
        });
    }

    [Fact]
    public async Task Queue_lists_oldest_first()
    {
        using var host = new StaffHost();
        var older = await host.FailedSmsAsync("B-1", "20 12 34 56");
        host.Clock.Advance(TimeSpan.FromHours(1));
        var newer = await host.FailedSmsAsync("B-2", "20 65 43 21");

        var page = await host.Queue.ListAsync(MessageQueueFilter.All, new PageRequest());

        page.Items.Select(r => r.Id).Should().Equal(older.Id, newer.Id);
    }

    [Fact]
    public async Task Queue_is_paged_with_the_continuation()
    {
        using var host = new StaffHost();
        var ids = new List<MessageId>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await host.FailedSmsAsync($"B-{i}", $"20 12 34 5{i}")).Id);
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await host.Queue.ListAsync(MessageQueueFilter.All, new PageRequest(2));
        var second = await host.Queue.ListAsync(MessageQueueFilter.All, new PageRequest(2, first.Continuation));

        (first.Items.Concat(second.Items).Select(r => r.Id), second.Continuation).Should().BeEquivalentTo((ids, (string?)null), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task In_doubt_message_appears_in_the_queue()
    {
        using var host = new StaffHost();
        var pending = await host.AddAsync(PendingSms("B-1"));
        var inDoubt = await host.UpdateAsync(pending.MarkFailed(StaffHost.Start, new MessageFailure(MessageFailureKind.InDoubt, "Interrupted mid-send."), attempted: false));

        var page = await host.Queue.ListAsync(new MessageQueueFilter { FailureKind = MessageFailureKind.InDoubt }, new PageRequest());

        page.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { inDoubt.Id, FailureName = "Usikkert om den blev sendt" });
    }

    [Fact]
    public async Task Queue_can_be_filtered_by_type()
    {
        using var host = new StaffHost();
        var welcome = await host.FailedSmsAsync("B-1", "20 12 34 56");
        await host.UpdateAsync((await host.AddAsync(PendingSms("B-2", NotificationType.ReservationReady))).MarkFailed(StaffHost.Start, new MessageFailure(MessageFailureKind.Rejected, "No.")));

        var page = await host.Queue.ListAsync(new MessageQueueFilter { Type = NotificationType.WelcomeBorrower }, new PageRequest());

        page.Items.Select(r => r.Id).Should().Equal(welcome.Id);
    }

    [Fact]
    public async Task Queue_can_be_filtered_by_protocol()
    {
        using var host = new StaffHost();
        await host.FailedSmsAsync("B-1", "20 12 34 56");
        var letter = Message.CreatePending(MessageId.New(StaffHost.Start), BorrowerId.Parse("B-2"), NotificationType.OverdueNotice, StaffHost.Print, null, new MessageContent("Rykker", "Aflever bogen.", null), "da-DK", StaffHost.Start);
        var failedLetter = await host.UpdateAsync((await host.AddAsync(letter)).MarkFailed(StaffHost.Start, new MessageFailure(MessageFailureKind.Rejected, "Printer offline.")));

        var page = await host.Queue.ListAsync(new MessageQueueFilter { Protocol = StaffHost.Print }, new PageRequest(), CultureInfo.GetCultureInfo("en"));

        page.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { failedLetter.Id, ProtocolName = "Letter" });
    }

    [Fact]
    public async Task Queue_can_be_filtered_by_age()
    {
        using var host = new StaffHost();
        var old = await host.FailedSmsAsync("B-1", "20 12 34 56");
        host.Clock.Advance(TimeSpan.FromDays(3));
        await host.FailedSmsAsync("B-2", "20 65 43 21");

        var olderThanTwoDays = new MessageQueueFilter { CreatedAtOrBefore = host.Clock.GetUtcNow() - TimeSpan.FromDays(2) };
        var page = await host.Queue.ListAsync(olderThanTwoDays, new PageRequest());

        page.Items.Select(r => r.Id).Should().Equal(old.Id);
    }

    [Fact]
    public async Task Dismissed_message_leaves_the_queue()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        await host.Queue.DismissAsync(failed.Id, StaffHost.Staff);

        (await host.Queue.ListAsync(MessageQueueFilter.All, new PageRequest())).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Missing_contact_info_message_is_not_in_the_queue()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1");
        var created = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();
        created.Status.Should().Be(MessageStatus.MissingContactInfo);

        var page = await host.Queue.ListAsync(MessageQueueFilter.All, new PageRequest());

        page.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Count_is_the_number_of_messages_in_the_queue()
    {
        using var host = new StaffHost();
        await host.FailedSmsAsync("B-1", "20 12 34 56");
        var dismissed = await host.FailedSmsAsync("B-2", "20 65 43 21");
        await host.FailedSmsAsync("B-3", "20 65 43 22");
        await host.Queue.DismissAsync(dismissed.Id, StaffHost.Staff);

        var count = await host.Queue.CountAsync();

        count.Should().Be(2);
    }

    private static Message PendingSms(string borrower, NotificationType? type = null)
        => Message.CreatePending(
            MessageId.New(StaffHost.Start),
            BorrowerId.Parse(borrower),
            type ?? NotificationType.WelcomeBorrower,
            Protocol.Sms,
            MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")),
            new MessageContent(null, "Velkommen.", null),
            "da-DK",
            StaffHost.Start);
}
