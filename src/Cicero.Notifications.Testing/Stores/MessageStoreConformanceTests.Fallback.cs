using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>Automatic fallback lists a notification's messages and stores a fallback atomically, once.</summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>A notification's messages, its first included, are listed by its notification id, oldest first.</summary>
    [Fact]
    public async Task A_notifications_messages_are_listed_by_its_notification_id_oldest_first()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var first = Pending(borrower, T0);
        var second = Message.CreatePending(MessageId.New(T0), borrower, NotificationType.ReservationReady, Protocol.Email, MessageRecipient.Email(Email), Content(), "da-DK", T0.AddSeconds(1), notificationId: first.Id);
        await store.AddAsync([first, second], "loan-42");
        var other = Pending(borrower, T0);
        await store.AddAsync([other], null);

        var listed = await store.ListByNotificationAsync(first.Id);

        listed.Select(m => (m.Id, m.NotificationId)).Should().Equal((first.Id, first.Id), (second.Id, first.Id));
        (await store.ListByNotificationAsync(other.Id)).Select(m => m.Id).Should().Equal(other.Id);
        (await store.ListByNotificationAsync(MessageId.New(T0))).Should().BeEmpty();
    }

    /// <summary>A fallback stores the replaced messages and the new one together, the new one in the notification.</summary>
    [Fact]
    public async Task A_fallback_stores_the_replaced_messages_and_the_new_message_together()
    {
        var store = await CreateStoreAsync();
        var failed = (await store.AddAsync([Failed(NewBorrower(), T0)], "loan-42")).Messages[0];
        var fallback = Fallback(failed, T0.AddMinutes(2));

        var stored = await store.TryAddFallbackAsync([failed.ReplaceByFallback(T0.AddMinutes(2), fallback.Id, Protocol.Email)], fallback);

        (stored?.Id, stored?.Version, stored?.NotificationId, stored?.Status).Should().Be((fallback.Id, 1L, failed.Id, MessageStatus.Pending));
        var replaced = await store.GetAsync(failed.Id);
        (replaced!.IsReplacedByFallback, replaced.Version, await store.CountQueueAsync()).Should().Be((true, 2L, 0L));
        (await store.ListByNotificationAsync(failed.Id)).Select(m => m.Id).Should().Equal(failed.Id, fallback.Id);
        (await store.ClaimDueAsync("host-a", T0.AddMinutes(3), T0.AddMinutes(8), 10, [])).Select(c => c.Message.Id).Should().Equal(fallback.Id);
    }

    /// <summary>A fallback whose replaced message changed first stores nothing: of two deciding it at once, one wins.</summary>
    [Fact]
    public async Task A_fallback_whose_replaced_message_changed_first_stores_nothing()
    {
        var store = await CreateStoreAsync();
        var failed = (await store.AddAsync([Failed(NewBorrower(), T0)], null)).Messages[0];
        var first = Fallback(failed, T0.AddMinutes(2));
        var second = Fallback(failed, T0.AddMinutes(2));
        await store.TryAddFallbackAsync([failed.ReplaceByFallback(T0.AddMinutes(2), first.Id, Protocol.Email)], first);

        var lost = await store.TryAddFallbackAsync([failed.ReplaceByFallback(T0.AddMinutes(2), second.Id, Protocol.Email)], second);

        lost.Should().BeNull();
        (await store.GetAsync(second.Id)).Should().BeNull();
        (await store.ListByNotificationAsync(failed.Id)).Select(m => m.Id).Should().Equal(failed.Id, first.Id);
    }

    /// <summary>When one of several replaced messages changed, none of them is changed and no fallback is stored.</summary>
    [Fact]
    public async Task When_one_of_several_replaced_messages_changed_none_is_changed()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var sms = Failed(borrower, T0);
        var email = Message.CreatePending(MessageId.New(T0), borrower, NotificationType.ReservationReady, Protocol.Email, MessageRecipient.Email(Email), Content(), "da-DK", T0, notificationId: sms.Id)
            .MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "Refused."));
        var added = (await store.AddAsync([sms, email], null)).Messages;
        await store.TryUpdateAsync(added[1].Dismiss(T0.AddMinutes(2), "staff-1"));
        var fallback = Fallback(added[0], T0.AddMinutes(3));

        var stored = await store.TryAddFallbackAsync([.. added.Select(m => m.ReplaceByFallback(T0.AddMinutes(3), fallback.Id, Protocol.Email))], fallback);

        stored.Should().BeNull();
        (await store.GetAsync(added[0].Id))!.Version.Should().Be(1, "the first message's update is rolled back with the rest");
        (await store.GetAsync(fallback.Id)).Should().BeNull();
    }

    /// <summary>A message's notification id is kept from its first storing: an update without it leaves it as it was.</summary>
    [Fact]
    public async Task An_update_never_changes_a_messages_notification_id()
    {
        var store = await CreateStoreAsync();
        var added = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];
        var withoutNotification = Message.Restore(added.ToState() with { NotificationId = null });

        await store.TryUpdateAsync(withoutNotification.MarkDelivered(T0.AddMinutes(1)));

        (await store.GetAsync(added.Id))!.NotificationId.Should().Be(added.Id);
    }

    private static Message Fallback(Message failed, DateTimeOffset at)
        => Message.CreateFallback(MessageId.New(at), [failed], Protocol.Email, MessageRecipient.Email(Email), Content("Din reservering er klar (e-mail)"), at);
}
