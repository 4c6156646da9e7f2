using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>Digests keep their items and take in a notification atomically: every message and the key, or nothing.</summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>A joined digest stores every message with its items and content, and remembers the new key for all of them.</summary>
    [Fact]
    public async Task A_joined_digest_stores_every_message_and_remembers_the_key_for_all_of_them()
    {
        var store = await CreateStoreAsync();
        var digest = (await store.AddAsync(Digest(NewBorrower()), "loan-1")).Messages;

        var joined = await store.TryAddToDigestAsync([.. digest.Select(m => m.AddToDigest(T0.AddMinutes(3), "loan-2", Content("To lån")))], "loan-2");
        var keyless = await store.TryAddToDigestAsync([.. joined!.Messages.Select(m => m.AddToDigest(T0.AddMinutes(4), null, Content("Tre lån")))], null);

        (joined.IsDuplicate, keyless?.IsDuplicate).Should().Be((false, false));
        keyless!.Messages.Should().OnlyContain(m => m.Version == 3);
        foreach (var message in digest)
        {
            var stored = await store.GetAsync(message.Id);
            stored!.DigestItems.Should().Equal(new DigestItem("loan-1", T0), new DigestItem("loan-2", T0.AddMinutes(3)), new DigestItem(null, T0.AddMinutes(4)));
            (stored.Content!.Body, stored.Version, stored.History[^1].Event).Should().Be(("Tre lån", 3L, MessageEvent.AddedToDigest));
        }

        (await store.ListByIdempotencyKeyAsync("loan-2")).Select(m => m.Id).Should().BeEquivalentTo(digest.Select(m => m.Id));
        (await store.ListByIdempotencyKeyAsync("loan-1")).Select(m => m.Id).Should().BeEquivalentTo(digest.Select(m => m.Id));
    }

    /// <summary>A key used before changes nothing: the messages stored under it come back as a duplicate.</summary>
    [Fact]
    public async Task A_join_with_a_key_used_before_changes_nothing_and_returns_the_earlier_messages()
    {
        var store = await CreateStoreAsync();
        var digest = (await store.AddAsync(Digest(NewBorrower()), "loan-1")).Messages;

        var again = await store.TryAddToDigestAsync([.. digest.Select(m => m.AddToDigest(T0.AddMinutes(3), "loan-1", Content("To lån")))], "loan-1");

        again!.IsDuplicate.Should().BeTrue();
        again.Messages.Select(m => (m.Id, m.Version)).Should().BeEquivalentTo(digest.Select(m => (m.Id, 1L)));
        (await store.GetAsync(digest[0].Id))!.DigestItems.Should().ContainSingle();
    }

    /// <summary>When one message of the digest changed first, nothing is stored and the key is not remembered.</summary>
    [Fact]
    public async Task A_join_whose_message_changed_first_stores_nothing_and_remembers_no_key()
    {
        var store = await CreateStoreAsync();
        var digest = (await store.AddAsync(Digest(NewBorrower()), "loan-1")).Messages;
        await store.TryUpdateAsync(digest[1].Cancel(T0.AddMinutes(2), "Collected."));

        var lost = await store.TryAddToDigestAsync([.. digest.Select(m => m.AddToDigest(T0.AddMinutes(3), "loan-2", Content("To lån")))], "loan-2");

        lost.Should().BeNull();
        (await store.GetAsync(digest[0].Id))!.Version.Should().Be(1, "the first message's update is rolled back with the rest");
        (await store.ListByIdempotencyKeyAsync("loan-2")).Should().BeEmpty();
    }

    /// <summary>A digest whose send has begun takes in nothing: it may already have reached the provider.</summary>
    [Fact]
    public async Task A_join_is_refused_once_a_send_of_the_digest_has_begun()
    {
        var store = await CreateStoreAsync();
        var digest = (await store.AddAsync(Digest(NewBorrower()), "loan-1")).Messages;
        var claimed = await store.ClaimDueAsync("host-a", T0.AddMinutes(10), T0.AddMinutes(15), 10, []);
        await store.TryBeginSendAsync(claimed[0].Message.Id, "host-a", T0.AddMinutes(10), T0.AddMinutes(15));

        var refused = await store.TryAddToDigestAsync([.. digest.Select(m => m.AddToDigest(T0.AddMinutes(3), "loan-2", Content("To lån")))], "loan-2");

        refused.Should().BeNull();
        (await store.ListByIdempotencyKeyAsync("loan-2")).Should().BeEmpty();
    }

    /// <summary>Items outlive anonymization: keys hold no personal data, and a cancellation after it must still find them.</summary>
    [Fact]
    public async Task A_digests_items_survive_anonymization()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var digest = (await store.AddAsync(Digest(borrower), "loan-1")).Messages;
        var joined = (await store.TryAddToDigestAsync([.. digest.Select(m => m.AddToDigest(T0.AddMinutes(3), "loan-2", Content("To lån")))], "loan-2"))!.Messages;
        foreach (var message in joined)
        {
            await store.TryUpdateAsync(message.MarkDelivered(T0.AddMinutes(10)));
        }

        await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(1), 100);

        var anonymized = await store.GetAsync(digest[0].Id);
        (anonymized!.IsAnonymized, anonymized.DigestItems.Length).Should().Be((true, 2));
    }

    /// <summary>A new digest of an SMS and an e-mail message, due ten minutes after <see cref="TestData.T0"/>.</summary>
    private static Message[] Digest(BorrowerId borrower)
    {
        var sms = Message.CreatePending(MessageId.New(T0), borrower, NotificationType.DueDateReminder, Protocol.Sms, MessageRecipient.Phone(Phone), Content(), "da-DK", T0, notBefore: T0.AddMinutes(10), idempotencyKey: "loan-1").StartDigest();
        var email = Message.CreatePending(MessageId.New(T0), borrower, NotificationType.DueDateReminder, Protocol.Email, MessageRecipient.Email(Email), Content(), "da-DK", T0, notBefore: T0.AddMinutes(10), idempotencyKey: "loan-1", notificationId: sms.Id).StartDigest();
        return [sms, email];
    }
}
