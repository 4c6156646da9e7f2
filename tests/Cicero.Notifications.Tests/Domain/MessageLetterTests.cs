using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>The domain's rule for a letter of a collected protocol: a print run marks a Pending letter Sent, naming the run and who made it.</summary>
public sealed class MessageLetterTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Protocol Brev = Protocol.Parse("Brev");

    [Fact]
    public void A_print_run_marks_a_waiting_letter_sent_at_the_runs_time_and_names_the_run()
    {
        var run = Guid.Parse("01970000-0000-7000-8000-0000000000aa");

        var collected = Letter().MarkCollected(T0.AddHours(2), run, "mette");

        collected.Should().BeEquivalentTo(new { Status = MessageStatus.Sent, ChangedAt = T0.AddHours(2), NextAttemptAt = (DateTimeOffset?)null, LastFailure = (MessageFailure?)null });
        collected.History[^1].Should().BeEquivalentTo(new
        {
            Event = MessageEvent.Collected,
            From = MessageStatus.Pending,
            To = MessageStatus.Sent,
            Actor = "mette",
            Reason = $"Printed in letter run {run}.",
        });
    }

    [Fact]
    public void Only_a_waiting_letter_can_be_collected()
    {
        var sent = Letter().MarkCollected(T0, Guid.NewGuid(), "mette");
        var cancelled = Letter().Cancel(T0, "Collected at the desk.");

        foreach (var letter in new[] { sent, cancelled, sent.Anonymize(T0) })
        {
            letter.Invoking(m => m.MarkCollected(T0, Guid.NewGuid(), "mette")).Should().Throw<InvalidOperationException>();
        }
    }

    [Fact]
    public void A_print_run_names_who_made_it()
    {
        var collect = () => Letter().MarkCollected(T0, Guid.NewGuid(), " ");

        collect.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("actor");
    }

    private static Message Letter()
        => Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Brev, null, new MessageContent("Klar", "Din bog er klar", null), "da-DK", T0);
}
