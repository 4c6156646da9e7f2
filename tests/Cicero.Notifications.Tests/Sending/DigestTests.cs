using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// Digests on a fake clock: notifications of a type with a digest window for the same borrower become one message per
/// protocol, rendered with the shipped templates' list, sent when the window after the first ends. Idempotency keys hold
/// per notification, a cancellation removes its item, and a notification that cannot join starts a digest of its own.
/// </summary>
public sealed class DigestTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Reservations_within_the_window_become_one_message_per_protocol_sent_when_the_window_ends()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");

        var first = await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");
        library.Time.Advance(TimeSpan.FromMinutes(4));
        var second = await NotifyAsync(library, "B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2");
        library.Time.Advance(TimeSpan.FromMinutes(5));
        await library.Dispatcher.DispatchDueAsync();
        var sentBeforeTheWindowEnded = library.Sms.Sent.Count + library.Email.Sent.Count;
        library.Time.Advance(TimeSpan.FromMinutes(1));
        await library.Dispatcher.DispatchDueAsync();

        second.Select(m => m.Id).Should().BeEquivalentTo(first.Select(m => m.Id));
        sentBeforeTheWindowEnded.Should().Be(0);
        library.Sms.Sent.Single().Body.Should().Be(
            "Eksempelby Bibliotek: 2 reserveringer er klar til afhentning: \"Kongens Fald\", \"Havbrevene\". Hent dem senest 7. november 2026.");
        var email = library.Email.Sent.Single();
        email.Subject.Should().Be("2 reserveringer er klar til afhentning");
        email.Body.Should().Contain("Kære Ida\n\nDisse reserveringer er klar til afhentning:\n- \"Kongens Fald\", hent senest 9. november 2026\n- \"Havbrevene\", hent senest 7. november 2026\n");
        email.HtmlBody.Should().Contain("<p>Disse reserveringer er klar til afhentning:<br>\n- \"Kongens Fald\", hent senest 9. november 2026<br>\n- \"Havbrevene\", hent senest 7. november 2026<br>\n");
        var stored = await library.GetAsync(first[0].Id);
        stored.DigestItems.Should().Equal(new DigestItem("r-1", TestLibrary.Start), new DigestItem("r-2", TestLibrary.Start.AddMinutes(4)));
        stored.History.Select(h => h.Event).Should().Equal(MessageEvent.Created, MessageEvent.AddedToDigest, MessageEvent.Delivered);
    }

    [Fact]
    public async Task A_digest_of_one_notification_reads_as_a_single_notice()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");

        await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");
        library.Time.Advance(Window);
        await library.Dispatcher.DispatchDueAsync();

        library.Sms.Sent.Single().Body.Should().Be("Eksempelby Bibliotek: Din reservering \"Kongens Fald\" er klar til afhentning. Hent den senest 9. november 2026.");
    }

    [Fact]
    public async Task A_notification_after_the_window_starts_a_new_digest()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");

        var first = await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");
        library.Time.Advance(Window);
        var second = await NotifyAsync(library, "B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2");

        second.Select(m => m.NotificationId).Distinct().Should().ContainSingle().Which.Should().NotBe(first[0].NotificationId);
        second.Should().OnlyContain(m => m.NextAttemptAt == TestLibrary.Start + Window + Window && m.DigestItems.Length == 1);
    }

    [Fact]
    public async Task Notifications_of_another_borrower_or_type_do_not_join()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");
        await SaveBorrowerAsync(library, "B-2");

        var first = await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");
        var otherBorrower = await NotifyAsync(library, "B-2", "Havbrevene", new DateOnly(2026, 11, 7), "r-2");
        var otherType = await library.NotifyAsync("B-1", NotificationType.WelcomeBorrower);

        otherBorrower.Concat(otherType).Select(m => m.Id).Should().NotIntersectWith(first.Select(m => m.Id));
        otherType.Should().OnlyContain(m => !m.IsDigest && m.NextAttemptAt == TestLibrary.Start);
    }

    [Fact]
    public async Task Two_digest_types_of_one_borrower_gather_apart()
    {
        using var library = Library(o => o.Types["DueDateReminder"] = new NotificationTypeOptions { Protocols = { Protocol.Sms }, DigestWindow = Window });
        await SaveBorrowerAsync(library, "B-1");

        var reservations = await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");
        var reminder = await library.Notifier.NotifyAsync(new Notification(BorrowerId.Parse("B-1"), NotificationType.DueDateReminder)
        {
            Data = new Dictionary<string, object?> { ["borrower_name"] = "Ida", ["title"] = "Havbrevene", ["due_date"] = new DateOnly(2026, 11, 12) },
            IdempotencyKey = "d-1",
        });
        await NotifyAsync(library, "B-1", "Løgneren", new DateOnly(2026, 11, 10), "r-2");

        reminder.Should().ContainSingle().Which.Id.Should().NotBe(reservations[0].Id);
        (await library.GetAsync(reservations[0].Id)).DigestItems.Select(i => i.IdempotencyKey).Should().Equal("r-1", "r-2");
        (await library.GetAsync(reminder[0].Id)).DigestItems.Select(i => i.IdempotencyKey).Should().Equal("d-1");
    }

    [Fact]
    public async Task An_open_digest_behind_a_page_of_newer_messages_is_still_joined()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");
        var digest = await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");
        library.Time.Advance(TimeSpan.FromMinutes(1));
        var now = library.Time.GetUtcNow();
        var newer = Enumerable.Range(0, 60).Select(i => Message.CreatePending(MessageId.New(now), BorrowerId.Parse("B-1"), NotificationType.WelcomeBorrower, Protocol.Sms, null, new MessageContent(null, "Velkommen", null), "da-DK", now.AddSeconds(i)));
        foreach (var message in newer)
        {
            await library.Messages.AddAsync([message], null);
        }

        library.Time.Advance(TimeSpan.FromMinutes(2));
        var joined = await NotifyAsync(library, "B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2");

        joined.Select(m => m.Id).Should().BeEquivalentTo(digest.Select(m => m.Id));
        joined.Should().OnlyContain(m => m.DigestItems.Length == 2);
    }

    [Fact]
    public async Task A_digest_its_template_cannot_render_after_a_cancellation_fails_for_staff()
    {
        // A host template that reads a field only the first notification had.
        using var library = Library(o => o.Templates.Add(new Cicero.Notifications.Templates.TemplateOptions { Type = "ReservationReady", Protocol = "Sms", Culture = "da", Body = "{{ items[0].author }}: {{ items.size }} reserveringer" }));
        await SaveBorrowerAsync(library, "B-1");
        var first = await library.Notifier.NotifyAsync(new Notification(BorrowerId.Parse("B-1"), NotificationType.ReservationReady)
        {
            Data = new Dictionary<string, object?> { ["borrower_name"] = "Ida", ["title"] = "Babettes gæstebud", ["pickup_by"] = new DateOnly(2026, 11, 9), ["author"] = "Karen Blixen" },
            IdempotencyKey = "r-1",
        });
        await NotifyAsync(library, "B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2");

        var cancelled = await library.Notifier.CancelAsync("r-1", "Collected.");
        var sms = await library.GetAsync(first.Single(m => m.Protocol == Protocol.Sms).Id);
        var email = await library.GetAsync(first.Single(m => m.Protocol == Protocol.Email).Id);

        cancelled.Messages.Should().OnlyContain(m => m.Outcome == CancelOutcome.RemovedFromDigest);
        sms.Should().Match<Message>(m => m.Status == MessageStatus.Failed && m.NeedsStaff && m.DigestItems.Length == 1);
        sms.LastFailure.Should().Be(new MessageFailure(MessageFailureKind.TemplateFailed, "The digest's template failed after a notification was cancelled."));
        (email.Status, email.DigestItems.Single().IdempotencyKey).Should().Be((MessageStatus.Pending, "r-2"));
    }

    [Fact]
    public async Task An_idempotency_key_holds_per_notification_inside_a_digest()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");
        await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");
        await NotifyAsync(library, "B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2");

        var again = await library.Notifier.NotifyManyAsync([Reservation("B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2"), Reservation("B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1")]);

        again.Select(r => r.Outcome).Should().Equal(NotifyOutcome.Duplicate, NotifyOutcome.Duplicate);
        var digest = await library.GetAsync(again[0].Messages[0].Id);
        digest.DigestItems.Select(i => i.IdempotencyKey).Should().Equal("r-1", "r-2");
        digest.Content!.Body.Should().Contain("Kongens Fald").And.Contain("Havbrevene");
    }

    [Fact]
    public async Task A_nightly_bulk_run_gathers_each_borrowers_notifications_into_one_digest()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");
        await SaveBorrowerAsync(library, "B-2");

        var results = await library.Notifier.NotifyManyAsync(
        [
            Reservation("B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1"),
            Reservation("B-2", "Havbrevene", new DateOnly(2026, 11, 9), "r-2"),
            Reservation("B-1", "Den Kroniske Uskyld", new DateOnly(2026, 11, 8), "r-3"),
            Reservation("B-1", "Løgneren", new DateOnly(2026, 11, 10), "r-4"),
        ]);
        library.Time.Advance(Window);
        await library.Dispatcher.DispatchDueAsync();

        results.Select(r => r.Outcome).Should().Equal(NotifyOutcome.Created, NotifyOutcome.Created, NotifyOutcome.AddedToDigest, NotifyOutcome.AddedToDigest);
        library.Sms.Sent.Select(m => m.Body).Should().BeEquivalentTo(
        [
            "Eksempelby Bibliotek: 3 reserveringer er klar til afhentning: \"Kongens Fald\", \"Den Kroniske Uskyld\", \"Løgneren\". Hent dem senest 8. november 2026.",
            "Eksempelby Bibliotek: Din reservering \"Havbrevene\" er klar til afhentning. Hent den senest 9. november 2026.",
        ]);
    }

    [Fact]
    public async Task Cancelling_a_notification_removes_its_item_and_the_last_one_cancels_the_digest()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");
        var digest = await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");
        await NotifyAsync(library, "B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2");
        await NotifyAsync(library, "B-1", "Løgneren", new DateOnly(2026, 11, 10), "r-3");

        var removed = await library.Notifier.CancelAsync("r-2", "The reservation was collected.");
        var again = await library.Notifier.CancelAsync("r-2", "The reservation was collected.");
        var sms = await library.GetAsync(digest[0].Id);

        removed.Messages.Select(m => m.Outcome).Should().Equal(CancelOutcome.RemovedFromDigest, CancelOutcome.RemovedFromDigest);
        (removed.Cancelled, removed.RemovedFromDigest).Should().Be((0, 2));
        again.Messages.Should().OnlyContain(m => m.Outcome == CancelOutcome.AlreadyCancelled);
        sms.Content!.Body.Should().Be("Eksempelby Bibliotek: 2 reserveringer er klar til afhentning: \"Kongens Fald\", \"Løgneren\". Hent dem senest 9. november 2026.");
        sms.DigestItems.Select(i => i.IdempotencyKey).Should().Equal("r-1", "r-3");
        sms.History[^1].Should().BeEquivalentTo(new { Event = MessageEvent.RemovedFromDigest, Reason = "Notification 2 of the digest was cancelled: The reservation was collected." });

        await library.Notifier.CancelAsync("r-1", "Collected.");
        var last = await library.Notifier.CancelAsync("r-3", "Collected.");
        library.Time.Advance(Window);
        await library.Dispatcher.DispatchDueAsync();

        last.Messages.Select(m => m.Outcome).Should().Equal(CancelOutcome.Cancelled, CancelOutcome.Cancelled);
        (await library.GetAsync(digest[0].Id)).Should().Match<Message>(m => m.IsCancelled && m.DigestItems.Length == 1);
        library.Sms.Sent.Should().BeEmpty();
        library.Email.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task A_notification_wanted_later_than_the_digest_goes_starts_its_own()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");
        var first = await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");

        var later = await library.Notifier.NotifyAsync(Reservation("B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2") with { NotBefore = TestLibrary.Start.AddHours(2) });

        later.Select(m => m.Id).Should().NotIntersectWith(first.Select(m => m.Id));
        later.Should().OnlyContain(m => m.NextAttemptAt == TestLibrary.Start.AddHours(2));
    }

    [Fact]
    public async Task A_notification_that_would_break_the_digests_sms_starts_its_own_digest()
    {
        using var library = Library(o => o.MaxSmsSegments = 1);
        await SaveBorrowerAsync(library, "B-1");
        var first = await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");

        var second = await NotifyAsync(library, "B-1", new string('x', 100), new DateOnly(2026, 11, 7), "r-2");

        second.Select(m => m.Id).Should().NotIntersectWith(first.Select(m => m.Id));
        (await library.GetAsync(first[0].Id)).DigestItems.Should().ContainSingle();
        library.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Name == "DigestNotJoined")
            .Which.Message.Should().Be("Notification ReservationReady could not join its open digest (the template for Sms failed for its data); it starts a digest of its own");
    }

    [Fact]
    public async Task A_digest_that_keeps_changing_under_the_join_is_left_and_the_notification_starts_its_own()
    {
        var store = new RefusingDigestStore(new InMemoryMessageStore());
        using var library = Library(services: s => s.AddSingleton<IMessageStore>(store));
        await SaveBorrowerAsync(library, "B-1");
        var first = await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");

        var second = await NotifyAsync(library, "B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2");

        store.Refused.Should().Be(3);
        second.Select(m => m.Id).Should().NotIntersectWith(first.Select(m => m.Id));
        (await library.Messages.ListByIdempotencyKeyAsync("r-2")).Select(m => m.Id).Should().BeEquivalentTo(second.Select(m => m.Id));
        library.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Name == "DigestNotJoined")
            .Which.Message.Should().Be("Notification ReservationReady could not join its open digest (its messages kept changing); it starts a digest of its own");
    }

    [Fact]
    public async Task Template_data_of_a_digest_type_cannot_use_the_items_variable()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");

        var notify = () => library.Notifier.NotifyAsync(new Notification(BorrowerId.Parse("B-1"), NotificationType.ReservationReady)
        {
            Data = new Dictionary<string, object?> { ["items"] = new[] { "x" } },
        });

        (await notify.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith(
            "Notification type 'ReservationReady' gathers notifications into digests: its template data cannot use the variable 'items'");
        (await library.Messages.ListByBorrowerAsync(BorrowerId.Parse("B-1"), null, new PageRequest())).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_digest_falls_back_with_every_item()
    {
        using var library = Library(o =>
        {
            o.Types["ReservationReady"].Protocols.Remove(Protocol.Email);
            o.Types["ReservationReady"].Fallback.Add(Protocol.Email);
        });
        await SaveBorrowerAsync(library, "B-1");
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown number."));
        await NotifyAsync(library, "B-1", "Kongens Fald", new DateOnly(2026, 11, 9), "r-1");
        await NotifyAsync(library, "B-1", "Havbrevene", new DateOnly(2026, 11, 7), "r-2");

        library.Time.Advance(Window);
        await library.Dispatcher.DispatchDueAsync();
        await library.Dispatcher.DispatchDueAsync();

        library.Email.Sent.Single().Body.Should().Contain("- \"Kongens Fald\", hent senest 9. november 2026\n- \"Havbrevene\", hent senest 7. november 2026");
    }

    private static TestLibrary Library(Action<CiceroNotificationsOptions>? configure = null, Action<IServiceCollection>? services = null) => new(o =>
    {
        // The shipped Danish templates, which list a digest's items.
        foreach (var custom in o.Templates.Where(t => t.Type == "ReservationReady").ToList())
        {
            o.Templates.Remove(custom);
        }

        var type = o.Types["ReservationReady"];
        type.Protocols.Remove(Protocol.DigitalPost);
        type.DigestWindow = Window;
        configure?.Invoke(o);
    }, services);

    private static Task SaveBorrowerAsync(TestLibrary library, string borrower)
        => library.SaveProfileAsync(borrower, p => library.WithEmail(library.WithPhone(p, "+45 20 12 34 56"), "ida@example.dk"));

    private static Notification Reservation(string borrower, string title, DateOnly pickupBy, string key) => new(BorrowerId.Parse(borrower), NotificationType.ReservationReady)
    {
        Data = new Dictionary<string, object?> { ["borrower_name"] = "Ida", ["title"] = title, ["pickup_by"] = pickupBy },
        IdempotencyKey = key,
    };

    private static Task<IReadOnlyList<Message>> NotifyAsync(TestLibrary library, string borrower, string title, DateOnly pickupBy, string key)
        => library.Notifier.NotifyAsync(Reservation(borrower, title, pickupBy, key));

    /// <summary>Refuses every join, as when a dispatcher or staff changed the digest each time.</summary>
    private sealed class RefusingDigestStore(IMessageStore inner) : DelegatingMessageStore(inner)
    {
        public int Refused { get; private set; }

        public override Task<AddMessagesResult?> TryAddToDigestAsync(IReadOnlyList<Message> digest, string? idempotencyKey, CancellationToken cancellationToken = default)
        {
            Refused++;
            return Task.FromResult<AddMessagesResult?>(null);
        }
    }
}
