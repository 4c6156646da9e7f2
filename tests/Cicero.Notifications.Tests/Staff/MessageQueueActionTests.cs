using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Staff;

public sealed class MessageQueueActionTests
{
    private const string Note = "Ringede til låneren";
    private static readonly TimeSpan Later = TimeSpan.FromHours(5);

    // Retry

    [Fact]
    public async Task Retry_makes_a_failed_message_Pending_again_with_a_fresh_attempt_budget()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var retried = await host.Queue.RetryAsync(failed.Id, StaffHost.Staff, Note);

        (retried.Status, retried.AttemptCount, retried.NextAttemptAt).Should().Be((MessageStatus.Pending, 0, (DateTimeOffset?)host.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Retried_message_is_sent_by_the_next_dispatch()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        await host.Queue.RetryAsync(failed.Id, StaffHost.Staff, Note);

        await host.Dispatcher.DispatchDueAsync();

        (await host.Store.GetAsync(failed.Id))!.Status.Should().Be(MessageStatus.Sent);
    }

    [Fact]
    public async Task Retried_message_goes_to_the_same_address_through_its_channel()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        await host.Queue.RetryAsync(failed.Id, StaffHost.Staff, Note);

        await host.Dispatcher.DispatchDueAsync();

        host.Sms.Sent.Select(m => (m.Id, m.Recipient!.Value)).Should().Equal((failed.Id, "+4520123456"), (failed.Id, "+4520123456"));
    }

    [Fact]
    public async Task Retry_of_a_missing_contact_info_message_uses_the_borrowers_current_address()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1");
        var missing = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();
        await host.AddPhoneAsync("B-1", "30 11 22 33");

        var retried = await host.Queue.RetryAsync(missing.Id, StaffHost.Staff, Note);

        (retried.Status, retried.Recipient?.Value).Should().Be((MessageStatus.Pending, "+4530112233"));
    }

    [Fact]
    public async Task Retry_of_a_missing_contact_info_message_without_an_address_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", email: "laaner@example.dk");
        var missing = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();

        var outcome = await RefusedAsync(host, missing.Id, () => host.Queue.RetryAsync(missing.Id, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.NoAddress, true));
    }

    [Fact]
    public async Task Retry_of_a_message_whose_template_failed_renders_it_again_from_its_template_data()
    {
        using var host = new StaffHost();
        var data = JsonSerializer.Serialize(new Dictionary<string, object?> { ["title"] = "Kongens Fald" });
        var pending = await host.AddAsync(Message.CreatePending(
            MessageId.New(StaffHost.Start), BorrowerId.Parse("B-1"), NotificationType.WelcomeBorrower, Protocol.Sms,
            MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")), new MessageContent(null, "", data), "da-DK", StaffHost.Start));
        var failed = await host.UpdateAsync(pending.MarkFailed(StaffHost.Start, new MessageFailure(MessageFailureKind.TemplateFailed, "Missing variable."), attempted: false));

        var retried = await host.Queue.RetryAsync(failed.Id, StaffHost.Staff);

        retried.Content!.Body.Should().Be("SMS: Kongens Fald fra biblioteket.");
    }

    [Fact]
    public async Task Retry_of_a_dismissed_message_brings_it_back_to_Pending()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        await host.Queue.DismissAsync(failed.Id, StaffHost.Staff);

        var retried = await host.Queue.RetryAsync(failed.Id, StaffHost.Staff, Note);

        (retried.Status, retried.IsDismissed).Should().Be((MessageStatus.Pending, false));
    }

    [Fact]
    public async Task Retry_of_a_Sent_message_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56");
        var message = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();
        await host.Dispatcher.DispatchDueAsync();

        var outcome = await RefusedAsync(host, message.Id, () => host.Queue.RetryAsync(message.Id, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.InvalidState, true));
    }

    [Fact]
    public async Task Retry_of_a_Pending_message_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56");
        var message = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();

        var outcome = await RefusedAsync(host, message.Id, () => host.Queue.RetryAsync(message.Id, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.InvalidState, true));
    }

    [Fact]
    public async Task Retry_of_a_message_on_a_protocol_that_is_no_longer_set_up_is_refused()
    {
        using var host = new StaffHost();
        var fax = await host.AddAsync(Message.CreatePending(
            MessageId.New(StaffHost.Start), BorrowerId.Parse("B-1"), NotificationType.WelcomeBorrower, Protocol.Parse("Fax"), null,
            new MessageContent(null, "Velkommen.", null), "da-DK", StaffHost.Start));
        var failed = await host.UpdateAsync(fax.MarkFailed(StaffHost.Start, new MessageFailure(MessageFailureKind.NoChannel, "No channel.")));

        var outcome = await RefusedAsync(host, failed.Id, () => host.Queue.RetryAsync(failed.Id, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.UnknownProtocol, true));
    }

    // Send on another protocol

    [Fact]
    public async Task Reroute_moves_the_message_to_the_borrowers_current_address_on_the_new_protocol()
    {
        using var host = new StaffHost();
        var failed = await FailedSmsWithEmailAsync(host);

        var moved = await host.Queue.RerouteAsync(failed.Id, Protocol.Email, StaffHost.Staff, Note);

        (moved.Status, moved.Protocol, moved.Recipient?.Value).Should().Be((MessageStatus.Pending, Protocol.Email, "laaner@example.dk"));
    }

    [Fact]
    public async Task Reroute_renders_the_message_for_the_new_protocol_from_its_template_data()
    {
        using var host = new StaffHost();
        var failed = await FailedSmsWithEmailAsync(host);

        var moved = await host.Queue.RerouteAsync(failed.Id, Protocol.Email, StaffHost.Staff, Note);

        (moved.Content!.Subject, moved.Content.Body).Should().Be(("E-mail om Kongens Fald", "E-mail: Kongens Fald fra biblioteket."));
    }

    [Fact]
    public async Task Reroute_records_where_the_message_went_who_moved_it_and_why()
    {
        using var host = new StaffHost();
        var failed = await FailedSmsWithEmailAsync(host);
        host.Clock.Advance(Later);

        var moved = await host.Queue.RerouteAsync(failed.Id, Protocol.Email, StaffHost.Staff, Note);

        moved.History[^1].Should().Be(new MessageHistoryEntry(
            MessageEvent.Rerouted, MessageStatus.Failed, MessageStatus.Pending, host.Clock.GetUtcNow(), StaffHost.Staff, $"Moved from Sms to Email. {Note}"));
    }

    [Fact]
    public async Task Rerouted_message_is_sent_by_the_next_dispatch_on_the_new_channel()
    {
        using var host = new StaffHost();
        var failed = await FailedSmsWithEmailAsync(host);
        await host.Queue.RerouteAsync(failed.Id, Protocol.Email, StaffHost.Staff, Note);

        await host.Dispatcher.DispatchDueAsync();

        host.Email.Sent.Select(m => (m.Id, m.Recipient!.Value)).Should().Equal((failed.Id, "laaner@example.dk"));
    }

    [Fact]
    public async Task Reroute_to_Digital_Post_goes_to_the_borrowers_CPR_number()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56", cpr: "010190-1234");
        host.Sms.Then(DeliveryResult.PermanentFailure("Unknown subscriber"));
        var failed = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();
        await host.Dispatcher.DispatchDueAsync();

        var moved = await host.Queue.RerouteAsync(failed.Id, Protocol.DigitalPost, StaffHost.Staff);

        (moved.Recipient?.Kind, moved.Recipient?.Display).Should().Be((RecipientKind.Cpr, "010190-xxxx"));
    }

    [Fact]
    public async Task Reroute_of_a_missing_contact_info_message_to_a_protocol_that_needs_no_address_makes_it_Pending()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1");
        var missing = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();

        var moved = await host.Queue.RerouteAsync(missing.Id, StaffHost.Print, StaffHost.Staff, "Sendes som brev");

        (moved.Status, moved.Protocol, moved.Recipient).Should().Be((MessageStatus.Pending, StaffHost.Print, (MessageRecipient?)null));
    }

    [Fact]
    public async Task Reroute_to_a_protocol_the_borrower_has_no_address_for_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var outcome = await RefusedAsync(host, failed.Id, () => host.Queue.RerouteAsync(failed.Id, Protocol.Email, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.NoAddress, true));
    }

    [Fact]
    public async Task Reroute_for_a_borrower_without_a_profile_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        var pending = await host.AddAsync(Message.CreatePending(
            MessageId.New(StaffHost.Start), BorrowerId.Parse("B-gone"), NotificationType.WelcomeBorrower, Protocol.Sms,
            MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")), new MessageContent(null, "Velkommen.", null), "da-DK", StaffHost.Start));
        var failed = await host.UpdateAsync(pending.MarkFailed(StaffHost.Start, new MessageFailure(MessageFailureKind.Rejected, "No.")));

        var outcome = await RefusedAsync(host, failed.Id, () => host.Queue.RerouteAsync(failed.Id, Protocol.Email, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.NoAddress, true));
    }

    [Fact]
    public async Task Reroute_to_an_unknown_protocol_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var outcome = await RefusedAsync(host, failed.Id, () => host.Queue.RerouteAsync(failed.Id, Protocol.Parse("Fax"), StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.UnknownProtocol, true));
    }

    [Fact]
    public async Task Reroute_to_a_protocol_without_a_template_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var outcome = await RefusedAsync(host, failed.Id, () => host.Queue.RerouteAsync(failed.Id, StaffHost.App, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.NoTemplate, true));
    }

    [Fact]
    public async Task Reroute_to_a_protocol_without_a_channel_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost(o => o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Sign" }));
        var failed = await host.FailedSmsAsync();

        var outcome = await RefusedAsync(host, failed.Id, () => host.Queue.RerouteAsync(failed.Id, Protocol.Parse("Sign"), StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.NoChannel, true));
    }

    [Fact]
    public async Task Reroute_of_a_message_without_content_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        var missing = await host.AddAsync(Message.CreateMissingContactInfo(
            MessageId.New(StaffHost.Start), BorrowerId.Parse("B-1"), NotificationType.WelcomeBorrower, Protocol.Sms, null, "da-DK", StaffHost.Start));
        await host.SaveBorrowerAsync("B-1", email: "laaner@example.dk");

        var outcome = await RefusedAsync(host, missing.Id, () => host.Queue.RerouteAsync(missing.Id, Protocol.Email, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.NoContent, true));
    }

    // Mark handled

    [Fact]
    public async Task Mark_handled_makes_a_failed_message_Sent_and_flags_it_as_handled_manually()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var handled = await host.Queue.MarkHandledAsync(failed.Id, StaffHost.Staff, "Udskrevet og sendt med posten");

        (handled.Status, handled.IsHandledManually).Should().Be((MessageStatus.Sent, true));
    }

    [Fact]
    public async Task Mark_handled_takes_a_missing_contact_info_message()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1");
        var missing = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();

        var handled = await host.Queue.MarkHandledAsync(missing.Id, StaffHost.Staff, "Udleveret ved skranken");

        (handled.Status, handled.IsHandledManually).Should().Be((MessageStatus.Sent, true));
    }

    [Fact]
    public async Task Handled_message_leaves_the_queue()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        await host.Queue.MarkHandledAsync(failed.Id, StaffHost.Staff);

        (await host.Queue.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Mark_handled_of_a_Sent_message_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        await host.Queue.MarkHandledAsync(failed.Id, StaffHost.Staff);

        var outcome = await RefusedAsync(host, failed.Id, () => host.Queue.MarkHandledAsync(failed.Id, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.InvalidState, true));
    }

    // Dismiss

    [Fact]
    public async Task Dismiss_keeps_the_message_Failed_and_flags_it_dismissed()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var dismissed = await host.Queue.DismissAsync(failed.Id, StaffHost.Staff, "Låneren er flyttet");

        (dismissed.Status, dismissed.IsDismissed).Should().Be((MessageStatus.Failed, true));
    }

    [Fact]
    public async Task Dismiss_of_a_dismissed_message_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        await host.Queue.DismissAsync(failed.Id, StaffHost.Staff);

        var outcome = await RefusedAsync(host, failed.Id, () => host.Queue.DismissAsync(failed.Id, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.InvalidState, true));
    }

    [Fact]
    public async Task Dismiss_of_a_missing_contact_info_message_is_refused_and_changes_nothing()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1");
        var missing = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();

        var outcome = await RefusedAsync(host, missing.Id, () => host.Queue.DismissAsync(missing.Id, StaffHost.Staff));

        outcome.Should().Be((MessageActionRefusal.InvalidState, true));
    }

    // Every action

    [Theory]
    [InlineData(MessageActions.Retry, MessageEvent.Retried)]
    [InlineData(MessageActions.Reroute, MessageEvent.Rerouted)]
    [InlineData(MessageActions.MarkHandled, MessageEvent.HandledManually)]
    [InlineData(MessageActions.Dismiss, MessageEvent.Dismissed)]
    public async Task Every_action_records_who_when_and_what_in_the_history(MessageActions action, MessageEvent recorded)
    {
        using var host = new StaffHost();
        var failed = await FailedSmsWithEmailAsync(host);
        host.Clock.Advance(Later);

        var changed = await ActAsync(host, action, failed.Id);

        (changed.History[^1].Event, changed.History[^1].Actor, changed.History[^1].At).Should().Be((recorded, StaffHost.Staff, host.Clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(MessageActions.Retry)]
    [InlineData(MessageActions.MarkHandled)]
    [InlineData(MessageActions.Dismiss)]
    public async Task Every_action_records_the_note_in_the_history(MessageActions action)
    {
        using var host = new StaffHost();
        var failed = await FailedSmsWithEmailAsync(host);

        var changed = await ActAsync(host, action, failed.Id);

        changed.History[^1].Reason.Should().Be(Note);
    }

    [Theory]
    [InlineData(MessageActions.Retry)]
    [InlineData(MessageActions.Reroute)]
    [InlineData(MessageActions.MarkHandled)]
    [InlineData(MessageActions.Dismiss)]
    public async Task Every_action_sets_ChangedAt_to_the_time_of_the_action(MessageActions action)
    {
        using var host = new StaffHost();
        var failed = await FailedSmsWithEmailAsync(host);
        host.Clock.Advance(Later);

        await ActAsync(host, action, failed.Id);

        (await host.Store.GetAsync(failed.Id))!.ChangedAt.Should().Be(host.Clock.GetUtcNow());
    }

    [Theory]
    [InlineData(MessageActions.Retry)]
    [InlineData(MessageActions.Reroute)]
    [InlineData(MessageActions.MarkHandled)]
    [InlineData(MessageActions.Dismiss)]
    public async Task Every_action_on_an_unknown_message_is_refused(MessageActions action)
    {
        using var host = new StaffHost();
        var unknown = MessageId.From(Guid.Parse("0197a000-0000-7000-8000-0000000000ff"));

        var outcome = await RefusedAsync(host, unknown, () => ActAsync(host, action, unknown));

        outcome.Should().Be((MessageActionRefusal.NotFound, true));
    }

    [Theory]
    [InlineData(MessageActions.Retry)]
    [InlineData(MessageActions.Reroute)]
    [InlineData(MessageActions.MarkHandled)]
    [InlineData(MessageActions.Dismiss)]
    public async Task Every_action_on_an_anonymized_message_is_refused_and_changes_nothing(MessageActions action)
    {
        using var host = new StaffHost();
        var failed = await FailedSmsWithEmailAsync(host);
        await host.Store.AnonymizeBatchAsync(host.Clock.GetUtcNow() + TimeSpan.FromDays(1), host.Clock.GetUtcNow(), 10);

        var outcome = await RefusedAsync(host, failed.Id, () => ActAsync(host, action, failed.Id));

        outcome.Should().Be((MessageActionRefusal.Anonymized, true));
    }

    [Theory]
    [InlineData(MessageActions.Retry)]
    [InlineData(MessageActions.Reroute)]
    [InlineData(MessageActions.MarkHandled)]
    [InlineData(MessageActions.Dismiss)]
    public async Task Every_action_on_an_email_verification_message_is_refused_and_changes_nothing(MessageActions action)
    {
        using var host = new StaffHost();
        var pending = await host.AddAsync(Message.CreatePending(
            MessageId.New(StaffHost.Start), BorrowerId.Parse("B-1"), NotificationType.EmailVerification, Protocol.Email,
            MessageRecipient.Email(EmailAddress.Parse("ny@example.dk")), new MessageContent("Bekræft", "Bekræft din adresse.", null), "da-DK", StaffHost.Start));
        var failed = await host.UpdateAsync(pending.MarkFailed(StaffHost.Start, new MessageFailure(MessageFailureKind.Rejected, "Unknown mailbox.")));

        var outcome = await RefusedAsync(host, failed.Id, () => ActAsync(host, action, failed.Id));

        outcome.Should().Be((MessageActionRefusal.VerificationMessage, true));
    }

    [Fact]
    public async Task Refusal_names_the_message_the_action_and_the_reason()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        await host.Queue.MarkHandledAsync(failed.Id, StaffHost.Staff);

        var act = () => host.Queue.RetryAsync(failed.Id, StaffHost.Staff);

        (await act.Should().ThrowAsync<MessageActionException>()).WithMessage(
            $"Retry on message {failed.Id} was refused: it is Sent; only Failed and MissingContactInfo messages can be retried.");
    }

    // Concurrency

    [Fact]
    public async Task Two_staff_acting_at_once_one_wins_and_the_other_gets_a_conflict()
    {
        var store = InterceptingMessageStore.Create();
        using var host = new StaffHost(services: s => s.AddSingleton(store.Store));
        var failed = await host.FailedSmsAsync();
        store.HoldReadsUntil(2);

        var outcomes = await Task.WhenAll(
            OutcomeAsync(() => host.Queue.RetryAsync(failed.Id, "staff-1")),
            OutcomeAsync(() => host.Queue.MarkHandledAsync(failed.Id, "staff-2")));

        outcomes.Select(e => e?.GetType()).Should().BeEquivalentTo(new[] { null, typeof(MessageConflictException) });
    }

    [Fact]
    public async Task Action_on_a_message_changed_since_it_was_read_is_a_conflict_and_changes_nothing()
    {
        var store = InterceptingMessageStore.Create();
        using var host = new StaffHost(services: s => s.AddSingleton(store.Store));
        var failed = await host.FailedSmsAsync();
        Message? theirs = null;
        store.AfterNextRead = async read => theirs = await store.Store.TryUpdateAsync(read.Dismiss(host.Clock.GetUtcNow(), "staff-2", "Først"));

        var act = () => host.Queue.MarkHandledAsync(failed.Id, StaffHost.Staff);

        (await act.Should().ThrowAsync<MessageConflictException>()).Which.Refusal.Should().Be(MessageActionRefusal.Conflict);
        (await host.Store.GetAsync(failed.Id)).Should().Be(theirs);
    }

    [Fact]
    public async Task Action_at_a_stale_expected_version_is_a_conflict_and_changes_nothing()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        var seen = failed.Version;
        var theirs = await host.Queue.DismissAsync(failed.Id, "staff-2", "Først");

        var act = () => host.Queue.MarkHandledAsync(failed.Id, StaffHost.Staff, expectedVersion: seen);

        (await act.Should().ThrowAsync<MessageConflictException>()).Which.Refusal.Should().Be(MessageActionRefusal.Conflict);
        (await host.Store.GetAsync(failed.Id)).Should().Be(theirs);
    }

    [Fact]
    public async Task Action_at_the_stored_version_is_done()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var handled = await host.Queue.MarkHandledAsync(failed.Id, StaffHost.Staff, expectedVersion: failed.Version);

        handled.Status.Should().Be(MessageStatus.Sent);
        handled.Version.Should().Be(failed.Version + 1);
    }

    // Arguments

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("system")]
    [InlineData("SYSTEM")]
    public async Task Staff_id_must_name_a_staff_member(string staffId)
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var act = () => host.Queue.DismissAsync(failed.Id, staffId);

        await act.Should().ThrowAsync<ArgumentException>().WithParameterName("staffId");
    }

    [Fact]
    public async Task Note_longer_than_the_limit_is_rejected()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var act = () => host.Queue.DismissAsync(failed.Id, StaffHost.Staff, new string('x', 1001));

        await act.Should().ThrowAsync<ArgumentException>().WithParameterName("note");
    }

    private static async Task<Message> FailedSmsWithEmailAsync(StaffHost host)
    {
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56", email: "laaner@example.dk");
        host.Sms.Then(DeliveryResult.PermanentFailure("Unknown subscriber"));
        var created = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();
        await host.Dispatcher.DispatchDueAsync();
        return (await host.Store.GetAsync(created.Id))!;
    }

    private static Task<Message> ActAsync(StaffHost host, MessageActions action, MessageId id) => action switch
    {
        MessageActions.Retry => host.Queue.RetryAsync(id, StaffHost.Staff, Note),
        MessageActions.Reroute => host.Queue.RerouteAsync(id, Protocol.Email, StaffHost.Staff, Note),
        MessageActions.MarkHandled => host.Queue.MarkHandledAsync(id, StaffHost.Staff, Note),
        _ => host.Queue.DismissAsync(id, StaffHost.Staff, Note),
    };

    /// <summary>Runs a refused action: what the refusal said, and whether the stored message is exactly as before.</summary>
    private static async Task<(MessageActionRefusal Refusal, bool Unchanged)> RefusedAsync(StaffHost host, MessageId id, Func<Task> act)
    {
        var before = await host.Store.GetAsync(id);
        var thrown = (await act.Should().ThrowAsync<MessageActionException>()).Which;
        var after = await host.Store.GetAsync(id);
        return (thrown.Refusal, Equals(before, after));
    }

    private static async Task<Exception?> OutcomeAsync(Func<Task> act)
    {
        try
        {
            await act();
            return null;
        }
        catch (MessageActionException ex)
        {
            return ex;
        }
    }
}
