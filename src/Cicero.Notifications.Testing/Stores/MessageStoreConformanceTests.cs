using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>
/// Every <see cref="IMessageStore"/> behaviour the engine relies on. Each store's test project subclasses it and
/// returns a fresh, empty store from <see cref="CreateStoreAsync"/>; a test never depends on another's data.
/// </summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>Creates a fresh, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IMessageStore> CreateStoreAsync();

    // ---- add / get ---------------------------------------------------------------------------------------------

    /// <summary>Added messages are returned with version 1.</summary>
    [Fact]
    public async Task Added_messages_are_returned_with_version_1()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();

        var result = await store.AddAsync([Pending(borrower, T0), Pending(borrower, T0)], idempotencyKey: null);

        result.Messages.Select(m => m.Version).Should().Equal(1, 1);
    }

    /// <summary>Get returns every field of a message with a long history.</summary>
    [Fact]
    public async Task Get_returns_every_field_of_a_message_with_a_long_history()
    {
        var store = await CreateStoreAsync();
        var message = Message.CreatePending(MessageId.New(T0), NewBorrower(), NotificationType.OverdueNotice, Protocol.Email, MessageRecipient.Email(Email), Content(), "en-GB", T0, notBefore: T0.AddHours(1), idempotencyKey: "loan-42")
            .ScheduleRetry(T0.AddHours(1), "Timeout", T0.AddHours(2))
            .MarkFailed(T0.AddHours(2), new MessageFailure(MessageFailureKind.RetriesExhausted, "3 attempts failed"))
            .Retry(T0.AddHours(3), "staff-7", "Try once more")
            .MarkDelivered(T0.AddHours(3).AddSeconds(2), "provider-99");
        await store.AddAsync([message], "loan-42");

        var stored = await store.GetAsync(message.Id);

        stored.Should().BeEquivalentTo(message.WithVersion(1));
    }

    /// <summary>Get returns a dismissed handled message with its flags.</summary>
    [Fact]
    public async Task Get_returns_a_dismissed_handled_message_with_its_flags()
    {
        var store = await CreateStoreAsync();
        var message = Failed(NewBorrower(), T0).Dismiss(T0.AddHours(1), "staff-1", "Duplicate");
        await store.AddAsync([message], null);

        var stored = await store.GetAsync(message.Id);

        stored.Should().BeEquivalentTo(message.WithVersion(1));
    }

    /// <summary>Get returns the recipient of every kind.</summary>
    [Theory]
    [InlineData("phone")]
    [InlineData("email")]
    [InlineData("cpr")]
    [InlineData("cvr")]
    public async Task Get_returns_the_recipient_of_every_kind(string kind)
    {
        var store = await CreateStoreAsync();
        var (protocol, recipient) = kind switch
        {
            "phone" => (Protocol.Sms, MessageRecipient.Phone(Phone)),
            "email" => (Protocol.Email, MessageRecipient.Email(Email)),
            "cpr" => (Protocol.DigitalPost, MessageRecipient.Person(PersonCpr)),
            _ => (Protocol.DigitalPost, MessageRecipient.Company(CompanyCvr)),
        };
        var message = Message.CreatePending(MessageId.New(T0), NewBorrower(), NotificationType.DueDateReminder, protocol, recipient, Content(), "da-DK", T0);
        await store.AddAsync([message], null);

        var stored = await store.GetAsync(message.Id);

        stored!.Recipient.Should().BeEquivalentTo(recipient);
    }

    /// <summary>Get returns a message without recipient or content.</summary>
    [Fact]
    public async Task Get_returns_a_message_without_recipient_or_content()
    {
        var store = await CreateStoreAsync();
        var message = Message.CreateMissingContactInfo(MessageId.New(T0), NewBorrower(), NotificationType.WelcomeBorrower, Protocol.Sms, content: null, "da-DK", T0);
        await store.AddAsync([message], null);

        var stored = await store.GetAsync(message.Id);

        stored.Should().BeEquivalentTo(message.WithVersion(1));
    }

    /// <summary>Get returns a message on a user defined protocol without subject or html.</summary>
    [Fact]
    public async Task Get_returns_a_message_on_a_user_defined_protocol_without_subject_or_html()
    {
        var store = await CreateStoreAsync();
        var message = Message.CreatePending(MessageId.New(T0), NewBorrower(), NotificationType.Parse("BalanceStatement"), Protocol.Parse("Print"), recipient: null, new MessageContent(null, "Saldo: 0 kr.", null), "da-DK", T0);
        await store.AddAsync([message], null);

        var stored = await store.GetAsync(message.Id);

        stored.Should().BeEquivalentTo(message.WithVersion(1));
    }

    /// <summary>Get returns null for an unknown id.</summary>
    [Fact]
    public async Task Get_returns_null_for_an_unknown_id()
    {
        var store = await CreateStoreAsync();

        var stored = await store.GetAsync(MessageId.New(T0));

        stored.Should().BeNull();
    }

    /// <summary>Adding an id that is already stored fails and adds nothing of the batch.</summary>
    [Fact]
    public async Task Adding_an_id_that_is_already_stored_fails_and_adds_nothing_of_the_batch()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var first = Pending(borrower, T0);
        await store.AddAsync([first], null);
        var fresh = Pending(borrower, T0);

        var act = () => store.AddAsync([fresh, first], null);

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await store.GetAsync(fresh.Id)).Should().BeNull();
    }

    // ---- idempotency key ---------------------------------------------------------------------------------------

    /// <summary>A second add with the same idempotency key returns the first messages in order.</summary>
    [Fact]
    public async Task A_second_add_with_the_same_idempotency_key_returns_the_first_messages_in_order()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var first = await store.AddAsync([Pending(borrower, T0), Pending(borrower, T0), Pending(borrower, T0)], "reservation-7");

        var second = await store.AddAsync([Pending(borrower, T0.AddMinutes(1))], "reservation-7");

        second.IsDuplicate.Should().BeTrue();
        second.Messages.Select(m => m.Id).Should().Equal(first.Messages.Select(m => m.Id));
    }

    /// <summary>A duplicate add stores none of its messages.</summary>
    [Fact]
    public async Task A_duplicate_add_stores_none_of_its_messages()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        await store.AddAsync([Pending(borrower, T0)], "reservation-7");
        var duplicate = Pending(borrower, T0.AddMinutes(1));

        await store.AddAsync([duplicate], "reservation-7");

        (await store.GetAsync(duplicate.Id)).Should().BeNull();
    }

    /// <summary>A first add is not a duplicate.</summary>
    [Fact]
    public async Task A_first_add_is_not_a_duplicate()
    {
        var store = await CreateStoreAsync();

        var result = await store.AddAsync([Pending(NewBorrower(), T0)], "reservation-8");

        result.IsDuplicate.Should().BeFalse();
    }

    /// <summary>Different idempotency keys and no key never collide.</summary>
    [Fact]
    public async Task Different_idempotency_keys_and_no_key_never_collide()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        await store.AddAsync([Pending(borrower, T0)], "a");

        var results = new[]
        {
            await store.AddAsync([Pending(borrower, T0)], "b"),
            await store.AddAsync([Pending(borrower, T0)], null),
            await store.AddAsync([Pending(borrower, T0)], null),
        };

        results.Should().OnlyContain(r => !r.IsDuplicate);
    }

    /// <summary>Concurrent adds with one idempotency key store exactly one batch.</summary>
    [Fact]
    public async Task Concurrent_adds_with_one_idempotency_key_store_exactly_one_batch()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.AddAsync([Pending(borrower, T0), Pending(borrower, T0)], "same-key"))));

        results.Count(r => !r.IsDuplicate).Should().Be(1);
        results.SelectMany(r => r.Messages.Select(m => m.Id)).Distinct().Should().HaveCount(2);
    }

    // ---- borrower list -----------------------------------------------------------------------------------------

    /// <summary>Borrower list is newest first and only the borrowers messages.</summary>
    [Fact]
    public async Task Borrower_list_is_newest_first_and_only_the_borrowers_messages()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var messages = new[] { Pending(borrower, T0.AddMinutes(2)), Sent(borrower, T0), Failed(borrower, T0.AddMinutes(1)) };
        await store.AddAsync(messages, null);
        await store.AddAsync([Pending(NewBorrower(), T0)], null);

        var page = await store.ListByBorrowerAsync(borrower, null, new PageRequest(10));

        page.Items.Select(m => m.Id).Should().Equal(messages[0].Id, messages[2].Id, messages[1].Id);
    }

    /// <summary>Borrower list orders messages created at the same time by id descending.</summary>
    [Fact]
    public async Task Borrower_list_orders_messages_created_at_the_same_time_by_id_descending()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var messages = Enumerable.Range(0, 12).Select(_ => Pending(borrower, T0)).ToArray();
        await store.AddAsync(messages, null);

        var page = await store.ListByBorrowerAsync(borrower, null, new PageRequest(20));

        page.Items.Select(m => m.Id.Value).Should().Equal(messages.Select(m => m.Id.Value).OrderDescending());
    }

    /// <summary>Borrower list pages follow each other without gaps or repeats.</summary>
    [Fact]
    public async Task Borrower_list_pages_follow_each_other_without_gaps_or_repeats()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var messages = Enumerable.Range(0, 23).Select(i => Pending(borrower, T0.AddMinutes(i % 7))).ToArray();
        await store.AddAsync(messages, null);
        var seen = new List<MessageId>();

        string? continuation = null;
        do
        {
            var page = await store.ListByBorrowerAsync(borrower, null, new PageRequest(5, continuation));
            seen.AddRange(page.Items.Select(m => m.Id));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        seen.Should().Equal(messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id.Value).Select(m => m.Id));
    }

    /// <summary>A full last page has no continuation.</summary>
    [Fact]
    public async Task A_full_last_page_has_no_continuation()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        await store.AddAsync([Pending(borrower, T0), Pending(borrower, T0.AddMinutes(1))], null);

        var page = await store.ListByBorrowerAsync(borrower, null, new PageRequest(2));

        page.Continuation.Should().BeNull();
    }

    /// <summary>Borrower list filters by status.</summary>
    [Fact]
    public async Task Borrower_list_filters_by_status()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var failed = Failed(borrower, T0);
        await store.AddAsync([Pending(borrower, T0), failed, Sent(borrower, T0)], null);

        var page = await store.ListByBorrowerAsync(borrower, MessageStatus.Failed, new PageRequest(10));

        page.Items.Select(m => m.Id).Should().Equal(failed.Id);
    }

    /// <summary>Borrower list of an unknown borrower is empty.</summary>
    [Fact]
    public async Task Borrower_list_of_an_unknown_borrower_is_empty()
    {
        var store = await CreateStoreAsync();

        var page = await store.ListByBorrowerAsync(NewBorrower(), null, new PageRequest(10));

        page.Items.Should().BeEmpty();
    }

    /// <summary>A continuation the store did not issue is rejected.</summary>
    [Fact]
    public async Task A_continuation_the_store_did_not_issue_is_rejected()
    {
        var store = await CreateStoreAsync();

        var act = () => store.ListByBorrowerAsync(NewBorrower(), null, new PageRequest(10, "not-a-cursor"));

        await act.Should().ThrowAsync<ArgumentException>();
    }

    // ---- message queue -----------------------------------------------------------------------------------------

    /// <summary>Queue holds failed undismissed messages oldest first.</summary>
    [Fact]
    public async Task Queue_holds_failed_undismissed_messages_oldest_first()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var newer = Failed(borrower, T0.AddMinutes(5));
        var older = Failed(borrower, T0);
        var dismissed = Failed(borrower, T0).Dismiss(T0.AddHours(1), "staff-1");
        await store.AddAsync([newer, older, dismissed, Pending(borrower, T0), Sent(borrower, T0)], null);

        var page = await store.ListQueueAsync(MessageQueueFilter.All, new PageRequest(10));

        page.Items.Select(m => m.Id).Should().Equal(older.Id, newer.Id);
    }

    /// <summary>Queue pages follow each other without gaps or repeats.</summary>
    [Fact]
    public async Task Queue_pages_follow_each_other_without_gaps_or_repeats()
    {
        var store = await CreateStoreAsync();
        var messages = Enumerable.Range(0, 17).Select(i => Failed(NewBorrower(), T0.AddMinutes(i % 4))).ToArray();
        await store.AddAsync(messages, null);
        var seen = new List<MessageId>();

        string? continuation = null;
        do
        {
            var page = await store.ListQueueAsync(MessageQueueFilter.All, new PageRequest(4, continuation));
            seen.AddRange(page.Items.Select(m => m.Id));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        seen.Should().Equal(messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id.Value).Select(m => m.Id));
    }

    /// <summary>Queue filters by type.</summary>
    [Fact]
    public async Task Queue_filters_by_type()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var overdue = Failed(borrower, T0, type: NotificationType.OverdueNotice);
        await store.AddAsync([Failed(borrower, T0), overdue], null);

        var page = await store.ListQueueAsync(new MessageQueueFilter { Type = NotificationType.OverdueNotice }, new PageRequest(10));

        page.Items.Select(m => m.Id).Should().Equal(overdue.Id);
    }

    /// <summary>Queue filters by protocol.</summary>
    [Fact]
    public async Task Queue_filters_by_protocol()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var email = Failed(borrower, T0, protocol: Protocol.Email);
        await store.AddAsync([Failed(borrower, T0), email], null);

        var page = await store.ListQueueAsync(new MessageQueueFilter { Protocol = Protocol.Email }, new PageRequest(10));

        page.Items.Select(m => m.Id).Should().Equal(email.Id);
    }

    /// <summary>Queue filters by failure kind.</summary>
    [Fact]
    public async Task Queue_filters_by_failure_kind()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var exhausted = Failed(borrower, T0, kind: MessageFailureKind.RetriesExhausted);
        await store.AddAsync([Failed(borrower, T0), exhausted], null);

        var page = await store.ListQueueAsync(new MessageQueueFilter { FailureKind = MessageFailureKind.RetriesExhausted }, new PageRequest(10));

        page.Items.Select(m => m.Id).Should().Equal(exhausted.Id);
    }

    /// <summary>Queue filters by age with inclusive bounds.</summary>
    [Fact]
    public async Task Queue_filters_by_age_with_inclusive_bounds()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var messages = Enumerable.Range(0, 5).Select(i => Failed(borrower, T0.AddDays(i))).ToArray();
        await store.AddAsync(messages, null);

        var page = await store.ListQueueAsync(new MessageQueueFilter { CreatedAtOrAfter = T0.AddDays(1), CreatedAtOrBefore = T0.AddDays(3) }, new PageRequest(10));

        page.Items.Select(m => m.Id).Should().Equal(messages[1].Id, messages[2].Id, messages[3].Id);
    }

    /// <summary>Queue count counts failed undismissed messages.</summary>
    [Fact]
    public async Task Queue_count_counts_failed_undismissed_messages()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        await store.AddAsync([Failed(borrower, T0), Failed(borrower, T0), Failed(borrower, T0).Dismiss(T0.AddHours(1), "staff-1"), Pending(borrower, T0)], null);

        var count = await store.CountQueueAsync();

        count.Should().Be(2);
    }

    // ---- claims and leases -------------------------------------------------------------------------------------

    /// <summary>Claim takes only due unheld pending messages.</summary>
    [Fact]
    public async Task Claim_takes_only_due_unheld_pending_messages()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var due = Pending(borrower, T0);
        await store.AddAsync([due, Pending(borrower, T0, notBefore: T0.AddHours(1)), Held(borrower, T0), Failed(borrower, T0), Sent(borrower, T0)], null);

        var claimed = await store.ClaimDueAsync("host-a", T0.AddMinutes(1), T0.AddMinutes(6), 10, []);

        claimed.Select(c => c.Message.Id).Should().Equal(due.Id);
    }

    /// <summary>Claim takes the earliest due first up to the maximum.</summary>
    [Fact]
    public async Task Claim_takes_the_earliest_due_first_up_to_the_maximum()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var messages = new[] { Pending(borrower, T0, notBefore: T0.AddMinutes(3)), Pending(borrower, T0, notBefore: T0.AddMinutes(1)), Pending(borrower, T0, notBefore: T0.AddMinutes(2)) };
        await store.AddAsync(messages, null);

        var claimed = await store.ClaimDueAsync("host-a", T0.AddMinutes(10), T0.AddMinutes(15), 2, []);

        claimed.Select(c => c.Message.Id).Should().BeEquivalentTo([messages[1].Id, messages[2].Id]);
    }

    /// <summary>A message due exactly now is claimed.</summary>
    [Fact]
    public async Task A_message_due_exactly_now_is_claimed()
    {
        var store = await CreateStoreAsync();
        var message = Pending(NewBorrower(), T0, notBefore: T0.AddMinutes(5));
        await store.AddAsync([message], null);

        var claimed = await store.ClaimDueAsync("host-a", T0.AddMinutes(5), T0.AddMinutes(10), 10, []);

        claimed.Should().ContainSingle().Which.Message.Id.Should().Be(message.Id);
    }

    /// <summary>A fresh claim is not in flight and carries the stored message.</summary>
    [Fact]
    public async Task A_fresh_claim_is_not_in_flight_and_carries_the_stored_message()
    {
        var store = await CreateStoreAsync();
        var message = Pending(NewBorrower(), T0);
        await store.AddAsync([message], null);

        var claimed = await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);

        claimed.Should().ContainSingle().Which.Should().BeEquivalentTo(new ClaimedMessage(message.WithVersion(1), WasInFlight: false));
    }

    /// <summary>A leased message is not claimed again while the lease holds.</summary>
    [Fact]
    public async Task A_leased_message_is_not_claimed_again_while_the_lease_holds()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync([Pending(NewBorrower(), T0)], null);
        await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);

        var second = await store.ClaimDueAsync("host-b", T0.AddMinutes(4), T0.AddMinutes(9), 10, []);

        second.Should().BeEmpty();
    }

    /// <summary>A message whose send began and whose lease expired is reclaimed as in flight.</summary>
    /// <returns>A task that completes when the test has run.</returns>
    [Fact]
    public async Task A_message_whose_send_began_and_whose_lease_expired_is_reclaimed_as_in_flight()
    {
        var store = await CreateStoreAsync();
        var message = Pending(NewBorrower(), T0);
        await store.AddAsync([message], null);
        await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);
        (await store.TryBeginSendAsync(message.Id, "host-a", T0.AddSeconds(1), T0.AddMinutes(5))).Should().BeTrue();

        var reclaimed = await store.ClaimDueAsync("host-b", T0.AddMinutes(5), T0.AddMinutes(10), 10, []);

        reclaimed.Should().ContainSingle().Which.Should().Match<ClaimedMessage>(c => c.Message.Id == message.Id && c.WasInFlight);
    }

    /// <summary>A message whose lease expired before its send began is reclaimed as not in flight.</summary>
    /// <returns>A task that completes when the test has run.</returns>
    [Fact]
    public async Task A_message_whose_lease_expired_before_its_send_began_is_reclaimed_as_not_in_flight()
    {
        var store = await CreateStoreAsync();
        var message = Pending(NewBorrower(), T0);
        await store.AddAsync([message], null);
        await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);

        var reclaimed = await store.ClaimDueAsync("host-b", T0.AddMinutes(5), T0.AddMinutes(10), 10, []);

        reclaimed.Should().ContainSingle().Which.Should().Match<ClaimedMessage>(c => c.Message.Id == message.Id && !c.WasInFlight);
    }

    /// <summary>Beginning a send extends the lease of that message.</summary>
    /// <returns>A task that completes when the test has run.</returns>
    [Fact]
    public async Task Beginning_a_send_extends_the_lease_of_that_message()
    {
        var store = await CreateStoreAsync();
        var message = Pending(NewBorrower(), T0);
        await store.AddAsync([message], null);
        await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);
        await store.TryBeginSendAsync(message.Id, "host-a", T0.AddMinutes(4), T0.AddMinutes(9));

        var whileExtended = await store.ClaimDueAsync("host-b", T0.AddMinutes(6), T0.AddMinutes(11), 10, []);
        var afterwards = await store.ClaimDueAsync("host-b", T0.AddMinutes(9), T0.AddMinutes(14), 10, []);

        (whileExtended.Count, afterwards.Single().Message.Id).Should().Be((0, message.Id));
    }

    /// <summary>A send cannot begin once the claim's lease has expired.</summary>
    /// <returns>A task that completes when the test has run.</returns>
    [Fact]
    public async Task A_send_cannot_begin_once_the_claims_lease_has_expired()
    {
        var store = await CreateStoreAsync();
        var message = Pending(NewBorrower(), T0);
        await store.AddAsync([message], null);
        await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);

        var begun = await store.TryBeginSendAsync(message.Id, "host-a", T0.AddMinutes(5), T0.AddMinutes(10));

        begun.Should().BeFalse();
    }

    /// <summary>A send cannot begin on a message another dispatcher has claimed since.</summary>
    /// <returns>A task that completes when the test has run.</returns>
    [Fact]
    public async Task A_send_cannot_begin_on_a_message_another_dispatcher_has_claimed_since()
    {
        var store = await CreateStoreAsync();
        var message = Pending(NewBorrower(), T0);
        await store.AddAsync([message], null);
        await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);
        await store.ClaimDueAsync("host-b", T0.AddMinutes(5), T0.AddMinutes(10), 10, []);

        var byFirst = await store.TryBeginSendAsync(message.Id, "host-a", T0.AddMinutes(5), T0.AddMinutes(10));
        var bySecond = await store.TryBeginSendAsync(message.Id, "host-b", T0.AddMinutes(5), T0.AddMinutes(10));

        (byFirst, bySecond).Should().Be((false, true));
    }

    /// <summary>A send cannot begin once the message's outcome is recorded, and a recorded outcome clears a begun send.</summary>
    /// <returns>A task that completes when the test has run.</returns>
    [Fact]
    public async Task A_recorded_outcome_ends_the_claim_and_clears_the_begun_send()
    {
        var store = await CreateStoreAsync();
        var message = Pending(NewBorrower(), T0);
        await store.AddAsync([message], null);
        var claimed = (await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, [])).Single();
        await store.TryBeginSendAsync(message.Id, "host-a", T0, T0.AddMinutes(5));
        await store.TryUpdateAsync(claimed.Message.ScheduleRetry(T0.AddSeconds(1), "Timeout", T0.AddMinutes(1)));

        var beginAfterRecord = await store.TryBeginSendAsync(message.Id, "host-a", T0.AddSeconds(2), T0.AddMinutes(5));
        var retry = await store.ClaimDueAsync("host-b", T0.AddMinutes(1), T0.AddMinutes(6), 10, []);

        (beginAfterRecord, retry.Single().WasInFlight).Should().Be((false, false));
    }

    /// <summary>A send cannot begin on a message that is not stored.</summary>
    /// <returns>A task that completes when the test has run.</returns>
    [Fact]
    public async Task A_send_cannot_begin_on_a_message_that_is_not_stored()
    {
        var store = await CreateStoreAsync();

        var begun = await store.TryBeginSendAsync(MessageId.New(T0), "host-a", T0, T0.AddMinutes(5));

        begun.Should().BeFalse();
    }

    /// <summary>A reclaimed message is leased to the new owner.</summary>
    [Fact]
    public async Task A_reclaimed_message_is_leased_to_the_new_owner()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync([Pending(NewBorrower(), T0)], null);
        await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);
        await store.ClaimDueAsync("host-b", T0.AddMinutes(6), T0.AddMinutes(11), 10, []);

        var third = await store.ClaimDueAsync("host-c", T0.AddMinutes(10), T0.AddMinutes(15), 10, []);

        third.Should().BeEmpty();
    }

    /// <summary>An update releases the lease.</summary>
    [Fact]
    public async Task An_update_releases_the_lease()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync([Pending(NewBorrower(), T0)], null);
        var claimed = (await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, [])).Single().Message;
        await store.TryUpdateAsync(claimed.ScheduleRetry(T0.AddSeconds(1), "Timeout", T0.AddMinutes(1)));

        var again = await store.ClaimDueAsync("host-b", T0.AddMinutes(1), T0.AddMinutes(6), 10, []);

        again.Should().ContainSingle().Which.WasInFlight.Should().BeFalse();
    }

    /// <summary>A retry scheduled for later is not claimed before it is due.</summary>
    [Fact]
    public async Task A_retry_scheduled_for_later_is_not_claimed_before_it_is_due()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync([Pending(NewBorrower(), T0)], null);
        var claimed = (await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, [])).Single().Message;
        await store.TryUpdateAsync(claimed.ScheduleRetry(T0.AddSeconds(1), "Timeout", T0.AddMinutes(30)));

        var early = await store.ClaimDueAsync("host-b", T0.AddMinutes(29), T0.AddMinutes(34), 10, []);

        early.Should().BeEmpty();
    }

    /// <summary>A delivered message is never claimed again.</summary>
    [Fact]
    public async Task A_delivered_message_is_never_claimed_again()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync([Pending(NewBorrower(), T0)], null);
        var claimed = (await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, [])).Single().Message;
        await store.TryUpdateAsync(claimed.MarkDelivered(T0.AddSeconds(1)));

        var later = await store.ClaimDueAsync("host-b", T0.AddHours(1), T0.AddHours(2), 10, []);

        later.Should().BeEmpty();
    }

    /// <summary>A failed message retried by staff becomes due and leaves the queue.</summary>
    [Fact]
    public async Task A_failed_message_retried_by_staff_becomes_due_and_leaves_the_queue()
    {
        var store = await CreateStoreAsync();
        var failed = (await store.AddAsync([Failed(NewBorrower(), T0)], null)).Messages[0];
        await store.TryUpdateAsync(failed.Retry(T0.AddHours(1), "staff-1"));

        var claimed = await store.ClaimDueAsync("host-a", T0.AddHours(1), T0.AddHours(2), 10, []);

        claimed.Select(c => c.Message.Id).Should().Equal(failed.Id);
        (await store.CountQueueAsync()).Should().Be(0);
    }

    /// <summary>Concurrent claimers never claim the same message.</summary>
    [Fact]
    public async Task Concurrent_claimers_never_claim_the_same_message()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var messages = Enumerable.Range(0, 300).Select(i => Pending(borrower, T0.AddSeconds(i % 10))).ToArray();
        await store.AddAsync(messages, null);
        var now = T0.AddMinutes(1);

        var perClaimer = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            var mine = new List<MessageId>();
            while (true)
            {
                var batch = await store.ClaimDueAsync($"host-{i}", now, now.AddMinutes(5), 7, []);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(c => c.Message.Id));
            }
        })));

        var all = perClaimer.SelectMany(ids => ids).ToList();
        all.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(messages.Select(m => m.Id));
    }

    /// <summary>Claim with a non positive maximum is rejected.</summary>
    [Fact]
    public async Task Claim_with_a_non_positive_maximum_is_rejected()
    {
        var store = await CreateStoreAsync();

        var act = () => store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 0, []);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    // ---- optimistic concurrency --------------------------------------------------------------------------------

    /// <summary>An update stores the change with the next version.</summary>
    [Fact]
    public async Task An_update_stores_the_change_with_the_next_version()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Failed(NewBorrower(), T0)], null)).Messages[0];
        var handled = stored.MarkHandledManually(T0.AddHours(1), "staff-1", "Printed and posted");

        var updated = await store.TryUpdateAsync(handled);

        updated.Should().BeEquivalentTo(handled.WithVersion(2));
        (await store.GetAsync(stored.Id)).Should().BeEquivalentTo(handled.WithVersion(2));
    }

    /// <summary>An update from a stale version is refused and changes nothing.</summary>
    [Fact]
    public async Task An_update_from_a_stale_version_is_refused_and_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Failed(NewBorrower(), T0)], null)).Messages[0];
        var first = await store.TryUpdateAsync(stored.Dismiss(T0.AddHours(1), "staff-1"));

        var second = await store.TryUpdateAsync(stored.MarkHandledManually(T0.AddHours(2), "staff-2"));

        second.Should().BeNull();
        (await store.GetAsync(stored.Id)).Should().BeEquivalentTo(first);
    }

    /// <summary>An update of an unknown message is refused.</summary>
    [Fact]
    public async Task An_update_of_an_unknown_message_is_refused()
    {
        var store = await CreateStoreAsync();

        var updated = await store.TryUpdateAsync(Pending(NewBorrower(), T0).WithVersion(1));

        updated.Should().BeNull();
    }

    /// <summary>Concurrent updates from one version let exactly one win.</summary>
    [Fact]
    public async Task Concurrent_updates_from_one_version_let_exactly_one_win()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Failed(NewBorrower(), T0)], null)).Messages[0];

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => store.TryUpdateAsync(stored.Dismiss(T0.AddHours(1), $"staff-{i}")))));

        results.Count(r => r is not null).Should().Be(1);
    }

    /// <summary>A rerouted message is stored with its new protocol and address.</summary>
    [Fact]
    public async Task A_rerouted_message_is_stored_with_its_new_protocol_and_address()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Failed(NewBorrower(), T0)], null)).Messages[0];
        var rerouted = stored.Reroute(T0.AddHours(1), "staff-1", Protocol.Email, MessageRecipient.Email(Email), Content("Ny tekst"));

        await store.TryUpdateAsync(rerouted);

        (await store.GetAsync(stored.Id)).Should().BeEquivalentTo(rerouted.WithVersion(2));
    }

    // ---- held messages -----------------------------------------------------------------------------------------

    /// <summary>Held list holds the borrowers held messages.</summary>
    [Fact]
    public async Task Held_list_holds_the_borrowers_held_messages()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var held = new[] { Held(borrower, T0), Held(borrower, T0.AddMinutes(1), EmailAddress.Parse("other@example.dk")) };
        await store.AddAsync([.. held, Pending(borrower, T0)], null);
        await store.AddAsync([Held(NewBorrower(), T0)], null);

        var list = await store.ListHeldAsync(borrower, null);

        list.Select(m => m.Id).Should().BeEquivalentTo(held.Select(m => m.Id));
    }

    /// <summary>Held list filters by address ignoring case.</summary>
    [Fact]
    public async Task Held_list_filters_by_address_ignoring_case()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var toBorrower = Held(borrower, T0);
        await store.AddAsync([toBorrower, Held(borrower, T0, EmailAddress.Parse("other@example.dk"))], null);

        var list = await store.ListHeldAsync(borrower, EmailAddress.Parse("BORROWER@example.dk"));

        list.Select(m => m.Id).Should().Equal(toBorrower.Id);
    }

    /// <summary>A released message leaves the held list and becomes due.</summary>
    [Fact]
    public async Task A_released_message_leaves_the_held_list_and_becomes_due()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var held = (await store.AddAsync([Held(borrower, T0)], null)).Messages[0];
        await store.TryUpdateAsync(held.Release(T0.AddHours(1)));

        var claimed = await store.ClaimDueAsync("host-a", T0.AddHours(1), T0.AddHours(2), 10, []);

        claimed.Select(c => c.Message.Id).Should().Equal(held.Id);
        (await store.ListHeldAsync(borrower, null)).Should().BeEmpty();
    }

    // ---- anonymization -----------------------------------------------------------------------------------------

    /// <summary>Anonymization works in batches until nothing is left.</summary>
    [Fact]
    public async Task Anonymization_works_in_batches_until_nothing_is_left()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        await store.AddAsync([.. Enumerable.Range(0, 7).Select(i => Sent(borrower, T0.AddMinutes(i)))], null);
        var now = T0.AddDays(400);

        var batches = new List<int>();
        int count;
        do
        {
            count = await store.AnonymizeBatchAsync(T0.AddDays(1), now, 3);
            batches.Add(count);
        }
        while (count > 0);

        batches.Should().Equal(3, 3, 1, 0);
    }

    /// <summary>Anonymization removes personal content and keeps the rest.</summary>
    [Fact]
    public async Task Anonymization_removes_personal_content_and_keeps_the_rest()
    {
        var store = await CreateStoreAsync();
        var sent = (await store.AddAsync([Sent(NewBorrower(), T0)], null)).Messages[0];
        var now = T0.AddDays(400);

        await store.AnonymizeBatchAsync(T0.AddDays(1), now, 100);

        (await store.GetAsync(sent.Id)).Should().BeEquivalentTo(sent.Anonymize(now).WithVersion(2));
    }

    /// <summary>The oldest due time is the earliest next attempt of a due, Pending, not held message, leased or not.</summary>
    [Fact]
    public async Task The_oldest_due_time_is_the_earliest_due_pending_message_not_held()
    {
        var store = await CreateStoreAsync();
        var empty = await store.GetOldestDueAsync(T0, []);
        var borrower = NewBorrower();
        await store.AddAsync(
            [Held(borrower, T0.AddMinutes(-10)), Failed(borrower, T0.AddMinutes(-20)), Pending(borrower, T0.AddMinutes(-5)), Pending(borrower, T0.AddMinutes(-1)), Pending(borrower, T0.AddMinutes(-30), notBefore: T0.AddMinutes(5))],
            null);
        await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 1, []);

        (empty, await store.GetOldestDueAsync(T0, []), await store.GetOldestDueAsync(T0.AddMinutes(-3), []), await store.GetOldestDueAsync(T0.AddMinutes(-7), []))
            .Should().Be(((DateTimeOffset?)null, (DateTimeOffset?)T0.AddMinutes(-5), (DateTimeOffset?)T0.AddMinutes(-5), (DateTimeOffset?)null));
    }

    /// <summary>The oldest due time leaves out the protocols asked (the collected ones: letters waiting for staff), ignoring case.</summary>
    [Fact]
    public async Task The_oldest_due_time_leaves_out_excluded_protocols()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var letter = Message.CreatePending(MessageId.New(T0), borrower, NotificationType.ReservationReady, Protocol.Parse("Print"), null, Content(), "da-DK", T0.AddMinutes(-10));
        await store.AddAsync([letter, Pending(borrower, T0.AddMinutes(-5))], null);

        (await store.GetOldestDueAsync(T0, [Protocol.Parse("print")]), await store.GetOldestDueAsync(T0, []))
            .Should().Be(((DateTimeOffset?)T0.AddMinutes(-5), (DateTimeOffset?)T0.AddMinutes(-10)));
    }

    /// <summary>
    /// Anonymization clears every free-text reason and note — the last failure's and each history entry's, which may
    /// quote a channel's reply or a staff note — and keeps the failure kind and the history's events, actors and times.
    /// </summary>
    [Fact]
    public async Task Anonymization_clears_every_reason_and_note_and_keeps_kinds_actors_and_times()
    {
        var store = await CreateStoreAsync();
        var message = FailedWithPlantedReasons(NewBorrower(), T0);
        var added = (await store.AddAsync([message], null)).Messages[0];
        var now = T0.AddDays(400);

        await store.AnonymizeBatchAsync(T0.AddDays(1), now, 100);

        var stored = (await store.GetAsync(added.Id))!;
        stored.LastFailure.Should().Be(new MessageFailure(MessageFailureKind.RetriesExhausted, ""));
        stored.History.Where(e => e.Reason is not null).Should().BeEmpty("every reason and note is cleared");
        stored.History.Select(e => (e.Event, e.From, e.To, e.At, e.Actor)).Should().Equal(
            added.History.Select(e => (e.Event, e.From, e.To, e.At, e.Actor)).Append((MessageEvent.Anonymized, MessageStatus.Failed, MessageStatus.Failed, now, MessageHistoryEntry.SystemActor)));
        System.Text.Json.JsonSerializer.Serialize(stored).Should().NotContainAny("Hansen", "0707614285", "20123456");
    }

    /// <summary>Anonymization skips pending new and already anonymized messages.</summary>
    [Fact]
    public async Task Anonymization_skips_pending_new_and_already_anonymized_messages()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var old = Failed(borrower, T0);
        await store.AddAsync([old, Pending(borrower, T0), Sent(borrower, T0.AddDays(2))], null);
        await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(400), 100);

        var second = await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(401), 100);

        second.Should().Be(0);
        (await store.GetAsync(old.Id))!.ChangedAt.Should().Be(T0.AddDays(400));
    }

    /// <summary>Anonymization cut off is exclusive.</summary>
    [Fact]
    public async Task Anonymization_cut_off_is_exclusive()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync([Sent(NewBorrower(), T0)], null);

        var count = await store.AnonymizeBatchAsync(T0, T0.AddDays(400), 100);

        count.Should().Be(0);
    }

    /// <summary>Anonymized messages stay on the borrowers list.</summary>
    [Fact]
    public async Task Anonymized_messages_stay_on_the_borrowers_list()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var sent = (await store.AddAsync([Sent(borrower, T0)], null)).Messages[0];
        await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(400), 100);

        var page = await store.ListByBorrowerAsync(borrower, null, new PageRequest(10));

        page.Items.Should().ContainSingle().Which.Should().Match<Message>(m => m.Id == sent.Id && m.IsAnonymized && m.Recipient == null && m.Content == null);
    }
}
