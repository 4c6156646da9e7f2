using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>Cancellation finds a notification's messages by its key and never changes a message whose send has begun.</summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>A notification's messages are listed by its idempotency key in creation order.</summary>
    [Fact]
    public async Task A_notifications_messages_are_listed_by_its_idempotency_key_in_creation_order()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var added = await store.AddAsync([Pending(borrower, T0), Pending(borrower, T0)], "loan-42");
        await store.AddAsync([Pending(borrower, T0)], "loan-43");

        var listed = await store.ListByIdempotencyKeyAsync("loan-42");

        listed.Select(m => m.Id).Should().Equal(added.Messages.Select(m => m.Id));
        (await store.ListByIdempotencyKeyAsync("loan-44")).Should().BeEmpty();
    }

    /// <summary>A forgotten idempotency key lists no messages.</summary>
    [Fact]
    public async Task A_forgotten_idempotency_key_lists_no_messages()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync([Pending(NewBorrower(), T0)], "loan-42");
        await store.ForgetIdempotencyKeysAsync(T0.AddDays(31), 10);

        (await store.ListByIdempotencyKeyAsync("loan-42")).Should().BeEmpty();
    }

    /// <summary>A claimed message whose send has not begun can be changed unless sending, and its lease is then gone.</summary>
    [Fact]
    public async Task A_claimed_message_whose_send_has_not_begun_is_changed_and_its_send_can_no_longer_begin()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync([Pending(NewBorrower(), T0)], null);
        var claimed = (await store.ClaimDueAsync("host-a", T0.AddMinutes(1), T0.AddMinutes(6), 10, []))[0].Message;

        var cancelled = await store.TryUpdateUnlessSendingAsync(claimed.Cancel(T0.AddMinutes(2), "Collected"));
        var began = await store.TryBeginSendAsync(claimed.Id, "host-a", T0.AddMinutes(2), T0.AddMinutes(7));

        (cancelled?.Status, cancelled?.Version, began).Should().Be((MessageStatus.Failed, 2L, false));
    }

    /// <summary>A message whose send has begun is not changed unless sending.</summary>
    [Fact]
    public async Task A_message_whose_send_has_begun_is_not_changed_unless_sending()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync([Pending(NewBorrower(), T0)], null);
        var claimed = (await store.ClaimDueAsync("host-a", T0.AddMinutes(1), T0.AddMinutes(6), 10, []))[0].Message;
        await store.TryBeginSendAsync(claimed.Id, "host-a", T0.AddMinutes(1), T0.AddMinutes(6));

        var refused = await store.TryUpdateUnlessSendingAsync(claimed.Cancel(T0.AddMinutes(2), "Collected"));
        var afterExpiry = await store.TryUpdateUnlessSendingAsync(claimed.Cancel(T0.AddMinutes(20), "Collected"));
        var sent = await store.TryUpdateAsync(claimed.MarkDelivered(T0.AddMinutes(2)));

        (refused, afterExpiry, sent?.Status).Should().Be((null, null, MessageStatus.Sent), "a begun send stays begun until its outcome is recorded, lease or not");
    }

    /// <summary>Unless sending, a version conflict still refuses the change.</summary>
    [Fact]
    public async Task Unless_sending_a_version_conflict_still_refuses_the_change()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];
        await store.TryUpdateAsync(stored.ScheduleRetry(T0.AddMinutes(1), "Timeout", T0.AddMinutes(5)));

        (await store.TryUpdateUnlessSendingAsync(stored.Cancel(T0.AddMinutes(2), "Collected"))).Should().BeNull();
    }
}
