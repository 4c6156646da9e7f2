using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>Letters of a collected protocol wait for a print run; a run takes each letter once, atomically, and is kept for reprints.</summary>
public abstract partial class MessageStoreConformanceTests
{
    private static readonly Protocol Letter = Protocol.Parse("Print");

    /// <summary>Waiting letters are the due, Pending, not held messages of the protocol (and branch), by branch and then borrower.</summary>
    [Fact]
    public async Task Waiting_letters_are_the_due_pending_letters_of_the_protocol_by_branch_then_borrower()
    {
        var store = await CreateStoreAsync();
        var (b, a) = (BorrowerId.Parse("B-" + Guid.NewGuid().ToString("N")[..8] + "-b"), BorrowerId.Parse("B-" + Guid.NewGuid().ToString("N")[..8] + "-a"));
        var first = LetterFor(b, T0, "HB");
        var second = LetterFor(b, T0, null);
        var third = LetterFor(a, T0.AddMinutes(1), "HB");
        var later = LetterFor(a, T0, "HB", notBefore: T0.AddHours(1));
        var sent = LetterFor(a, T0, "HB").MarkCollected(T0.AddMinutes(1), Guid.NewGuid(), "staff");
        await store.AddAsync([first, second, third, later, sent, Pending(a, T0)], null);

        var all = await store.ListWaitingLettersAsync(Protocol.Parse("print"), null, T0.AddMinutes(5), 10);
        var main = await store.ListWaitingLettersAsync(Letter, "hb", T0.AddMinutes(5), 10);

        MessageId[] byBranchThenBorrower = BorrowerOrder(a, b) ? [second.Id, third.Id, first.Id] : [second.Id, first.Id, third.Id];
        all.Where(m => m.BorrowerId == a || m.BorrowerId == b).Select(m => m.Id).Should().Equal(byBranchThenBorrower);
        main.Where(m => m.BorrowerId == a || m.BorrowerId == b).Select(m => m.Id).Should().BeEquivalentTo([first.Id, third.Id]);
    }

    /// <summary>A run stores its letters as Sent and keeps the run with their ids, in order.</summary>
    [Fact]
    public async Task A_run_stores_its_letters_and_keeps_the_run_for_reprints()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var letters = (await store.AddAsync([LetterFor(borrower, T0, "HB"), LetterFor(borrower, T0.AddSeconds(1), "HB")], null)).Messages;
        var run = new LetterRunRecord(Guid.NewGuid(), Letter, "HB", "da-DK", T0.AddHours(1), []);

        var collected = await store.CollectLettersAsync(run, [.. letters.Select(l => l.MarkCollected(T0.AddHours(1), run.Id, "staff"))]);

        collected.Select(m => (m.Id, m.Status, m.Version)).Should().Equal(letters.Select(l => (l.Id, MessageStatus.Sent, 2L)));
        var kept = await store.GetLetterRunAsync(run.Id);
        kept.Should().BeEquivalentTo(run with { MessageIds = [.. letters.Select(l => l.Id)] });
        (await store.ListWaitingLettersAsync(Letter, null, T0.AddHours(2), 10)).Should().NotContain(m => m.BorrowerId == borrower);
    }

    /// <summary>A letter another run took first is left out of the run; a run that gets no letter is not kept.</summary>
    [Fact]
    public async Task A_letter_another_run_took_first_is_left_out_and_an_empty_run_is_not_kept()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var letters = (await store.AddAsync([LetterFor(borrower, T0, null), LetterFor(borrower, T0.AddSeconds(1), null)], null)).Messages;
        var first = new LetterRunRecord(Guid.NewGuid(), Letter, null, "da-DK", T0.AddHours(1), []);
        var second = first with { Id = Guid.NewGuid() };
        var third = first with { Id = Guid.NewGuid() };
        await store.CollectLettersAsync(first, [letters[0].MarkCollected(T0.AddHours(1), first.Id, "staff")]);

        var rest = await store.CollectLettersAsync(second, [.. letters.Select(l => l.MarkCollected(T0.AddHours(1), second.Id, "staff"))]);
        var none = await store.CollectLettersAsync(third, [.. letters.Select(l => l.MarkCollected(T0.AddHours(1), third.Id, "staff"))]);

        rest.Select(m => m.Id).Should().Equal(letters[1].Id);
        (await store.GetLetterRunAsync(second.Id))!.MessageIds.Should().Equal(letters[1].Id);
        (none.Count, await store.GetLetterRunAsync(third.Id)).Should().Be((0, (LetterRunRecord?)null));
        (await store.GetAsync(letters[0].Id))!.History[^1].Reason.Should().Be($"Printed in letter run {first.Id}.");
    }

    /// <summary>Runs older than the cut-off are forgotten, a batch at a time; their letters stay.</summary>
    [Fact]
    public async Task Old_runs_are_forgotten_and_their_letters_stay()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var letters = (await store.AddAsync([LetterFor(borrower, T0, null), LetterFor(borrower, T0, null)], null)).Messages;
        var old = new LetterRunRecord(Guid.NewGuid(), Letter, null, "da-DK", T0.AddHours(1), []);
        var recent = old with { Id = Guid.NewGuid(), CollectedAt = T0.AddDays(20) };
        await store.CollectLettersAsync(old, [letters[0].MarkCollected(old.CollectedAt, old.Id, "staff")]);
        await store.CollectLettersAsync(recent, [letters[1].MarkCollected(recent.CollectedAt, recent.Id, "staff")]);

        var forgotten = await store.ForgetLetterRunsAsync(T0.AddDays(10), 10);

        (forgotten, await store.GetLetterRunAsync(old.Id), (await store.GetLetterRunAsync(recent.Id))?.Id).Should().Be((1, (LetterRunRecord?)null, (Guid?)recent.Id));
        (await store.GetAsync(letters[0].Id))!.Status.Should().Be(MessageStatus.Sent);
    }

    /// <summary>The kept runs are listed newest first (ties by id), at most the limit, each with its letters; a forgotten run is gone.</summary>
    [Fact]
    public async Task Kept_runs_are_listed_newest_first_up_to_the_limit()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var letters = (await store.AddAsync([LetterFor(borrower, T0, "HB"), LetterFor(borrower, T0, null), LetterFor(borrower, T0, null), LetterFor(borrower, T0, null)], null)).Messages;
        var oldest = new LetterRunRecord(Guid.Parse("01970000-0000-7000-8000-000000000001"), Letter, "HB", "da-DK", T0.AddHours(1), []);
        var tiedLow = oldest with { Id = Guid.Parse("01970000-0000-7000-8000-000000000002"), Branch = null, Culture = "en-GB", CollectedAt = T0.AddHours(2) };
        var tiedHigh = tiedLow with { Id = Guid.Parse("01970000-0000-7000-8000-000000000003") };
        await store.CollectLettersAsync(oldest, [letters[0].MarkCollected(oldest.CollectedAt, oldest.Id, "staff")]);
        await store.CollectLettersAsync(tiedLow, [letters[1].MarkCollected(tiedLow.CollectedAt, tiedLow.Id, "staff"), letters[2].MarkCollected(tiedLow.CollectedAt, tiedLow.Id, "staff")]);
        await store.CollectLettersAsync(tiedHigh, [letters[3].MarkCollected(tiedHigh.CollectedAt, tiedHigh.Id, "staff")]);

        var all = await store.ListLetterRunsAsync(10);
        var two = await store.ListLetterRunsAsync(2);
        await store.ForgetLetterRunsAsync(T0.AddHours(1).AddMinutes(1), 10);
        var kept = await store.ListLetterRunsAsync(10);

        all.Select(r => r.Id).Should().Equal(tiedHigh.Id, tiedLow.Id, oldest.Id);
        all[1].Should().BeEquivalentTo(tiedLow with { MessageIds = [letters[1].Id, letters[2].Id] });
        all[2].Should().BeEquivalentTo(oldest with { MessageIds = [letters[0].Id] });
        two.Select(r => r.Id).Should().Equal(tiedHigh.Id, tiedLow.Id);
        kept.Select(r => r.Id).Should().Equal(tiedHigh.Id, tiedLow.Id);
    }

    private static Message LetterFor(BorrowerId borrower, DateTimeOffset createdAt, string? branch, DateTimeOffset? notBefore = null)
        => Message.CreatePending(MessageId.New(createdAt), borrower, NotificationType.ReservationReady, Letter, null, Content(), "da-DK", createdAt, notBefore: notBefore, branch: branch);

    /// <summary>Whether <paramref name="a"/> sorts before <paramref name="b"/> as stores order borrower ids (ordinal).</summary>
    private static bool BorrowerOrder(BorrowerId a, BorrowerId b) => string.CompareOrdinal(a.Value, b.Value) < 0;
}
