using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>
/// Bulk actions on the message queue: each selected message is handled exactly as the single action handles it, and the
/// result says, message by message, whether it succeeded, was refused (and why) or lost to a concurrent change.
/// </summary>
public sealed class MessageQueueBulkActionTests
{
    private const string BulkStaff = "staff-bulk";

    [Fact]
    public async Task Bulk_retry_of_500_messages_racing_three_single_actions_reports_exactly_what_happened_to_each()
    {
        using var host = new StaffHost();
        var ids = await FailedSmsAsync(host, 500);
        var raced = new[] { ids[10], ids[250], ids[499] };

        var bulk = Task.Run(() => host.Queue.RetryManyAsync(MessageSelection.Of(ids), BulkStaff, "Gateway fixed"));
        var singles = raced.Select(id => Task.Run(async () =>
        {
            try
            {
                await host.Queue.DismissAsync(id, StaffHost.Staff);
            }
            catch (MessageActionException)
            {
                // Refused or conflicted: the bulk retry got there first.
            }
        }));
        await Task.WhenAll(singles);
        var result = await bulk;

        result.Succeeded.Concat(result.Refused.Select(r => r.MessageId)).Concat(result.Conflicted)
            .Should().BeEquivalentTo(ids, "every selected message is in exactly one list").And.OnlyHaveUniqueItems();
        result.MoreMatched.Should().BeFalse();
        foreach (var id in ids)
        {
            var stored = (await host.Store.GetAsync(id))!;
            var retriedByBulk = stored.History.Any(e => e.Event == MessageEvent.Retried && e.Actor == BulkStaff && e.Reason == "Gateway fixed");
            retriedByBulk.Should().Be(result.Succeeded.Contains(id), "a message is retried by the bulk action exactly when the result says so");
        }
    }

    [Fact]
    public async Task Each_message_is_refused_as_the_single_action_refuses_it()
    {
        using var host = new StaffHost();
        var borrower = NewBorrower();
        var failed = await host.AddAsync(Failed(borrower, StaffHost.Start));
        var sent = await host.AddAsync(Sent(borrower, StaffHost.Start));
        var dismissed = await host.Queue.DismissAsync((await host.AddAsync(Failed(borrower, StaffHost.Start))).Id, StaffHost.Staff);
        var unknown = MessageId.New(StaffHost.Start);

        var result = await host.Queue.DismissManyAsync(MessageSelection.Of([failed.Id, sent.Id, dismissed.Id, unknown, failed.Id]), BulkStaff);

        result.Succeeded.Should().Equal(failed.Id);
        result.Refused.Select(r => (r.MessageId, r.Refusal)).Should().Equal(
            (sent.Id, MessageActionRefusal.InvalidState), (dismissed.Id, MessageActionRefusal.InvalidState), (unknown, MessageActionRefusal.NotFound));
        result.Refused[0].Reason.Should().Be($"Dismiss on message {sent.Id} was refused: it is Sent; only a Failed message in the queue can be dismissed.");
        result.Conflicted.Should().BeEmpty();
        (await host.Store.GetAsync(sent.Id))!.Version.Should().Be(sent.Version, "a refused message is unchanged");
    }

    [Fact]
    public async Task A_filter_takes_the_oldest_1000_and_says_that_more_matched()
    {
        using var host = new StaffHost();
        var ids = await FailedSmsAsync(host, MessageSelection.MaxCount + 1);
        var sms = MessageSelection.Matching(new MessageQueueFilter { Protocol = Protocol.Sms });

        var first = await host.Queue.MarkHandledManyAsync(sms, BulkStaff, "Printed and posted");
        var second = await host.Queue.MarkHandledManyAsync(sms, BulkStaff, "Printed and posted");

        (first.Succeeded.Count, first.MoreMatched).Should().Be((MessageSelection.MaxCount, true));
        first.Succeeded.Should().Equal(ids.Take(MessageSelection.MaxCount), "oldest first");
        (second.Succeeded.Should().ContainSingle().Which, second.MoreMatched).Should().Be((ids[^1], false));
        (await host.Queue.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Reroute_many_moves_the_messages_it_can_and_refuses_the_borrowers_without_an_address()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56", email: "laaner@example.dk");
        await host.SaveBorrowerAsync("B-2", phone: "20 12 34 57");
        var reachable = await host.AddAsync(Failed(BorrowerId.Parse("B-1"), StaffHost.Start));
        var unreachable = await host.AddAsync(Failed(BorrowerId.Parse("B-2"), StaffHost.Start));

        var result = await host.Queue.RerouteManyAsync(MessageSelection.Of([reachable.Id, unreachable.Id]), Protocol.Email, BulkStaff);

        result.Succeeded.Should().Equal(reachable.Id);
        result.Refused.Should().ContainSingle().Which.Should().Match<BulkActionRefusal>(r => r.MessageId == unreachable.Id && r.Refusal == MessageActionRefusal.NoAddress);
        ((await host.Store.GetAsync(reachable.Id))!.Protocol, (await host.Store.GetAsync(unreachable.Id))!.Protocol).Should().Be((Protocol.Email, Protocol.Sms));
    }

    [Fact]
    public async Task A_cancelled_bulk_action_changes_nothing_more()
    {
        using var host = new StaffHost();
        var ids = await FailedSmsAsync(host, 3);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => host.Queue.RetryManyAsync(MessageSelection.Of(ids), BulkStaff, cancellationToken: cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await host.Queue.CountAsync()).Should().Be(3);
    }

    [Fact]
    public void A_selection_holds_each_id_once_and_at_most_1000()
    {
        var id = MessageId.New(StaffHost.Start);

        MessageSelection.Of([id, id]).Ids.Should().Equal(id);
        FluentActions.Invoking(() => MessageSelection.Of([])).Should().Throw<ArgumentException>().WithMessage("A bulk action needs at least one message id.*");
        FluentActions.Invoking(() => MessageSelection.Of(Enumerable.Range(0, MessageSelection.MaxCount + 1).Select(i => MessageId.New(StaffHost.Start.AddTicks(i)))))
            .Should().Throw<ArgumentException>().WithMessage("A bulk action takes at most 1000 messages; split the list.*");
    }

    [Fact]
    public async Task A_bulk_action_checks_the_staff_id_before_it_touches_anything()
    {
        using var host = new StaffHost();
        var ids = await FailedSmsAsync(host, 2);

        var act = () => host.Queue.DismissManyAsync(MessageSelection.Of(ids), "system");

        await act.Should().ThrowAsync<ArgumentException>().WithParameterName("staffId");
        (await host.Queue.CountAsync()).Should().Be(2);
    }

    /// <summary>Adds Failed SMS messages, one second apart (oldest first), and returns their ids in that order.</summary>
    private static async Task<List<MessageId>> FailedSmsAsync(StaffHost host, int count)
    {
        var borrower = NewBorrower();
        var ids = new List<MessageId>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add((await host.AddAsync(Failed(borrower, StaffHost.Start.AddSeconds(i)))).Id);
        }

        return ids;
    }
}
