using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Staff;
using Cicero.Notifications.Tests.Support;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>What staff see of a message: display names in Danish and English with their fallbacks, and the actions that fit.</summary>
public sealed class StaffViewTests
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(MessageFailureKind.Transient, "Midlertidig fejl", "Temporary failure")]
    [InlineData(MessageFailureKind.Rejected, "Afvist", "Rejected")]
    [InlineData(MessageFailureKind.RetriesExhausted, "Alle forsøg brugt", "Retries exhausted")]
    [InlineData(MessageFailureKind.TemplateFailed, "Skabelonfejl", "Template failed")]
    [InlineData(MessageFailureKind.InDoubt, "Usikkert om den blev sendt", "Delivery in doubt")]
    [InlineData(MessageFailureKind.NoChannel, "Ingen kanal", "No channel")]
    [InlineData(MessageFailureKind.Superseded, "Erstattet af en nyere besked", "Replaced by a newer message")]
    [InlineData(MessageFailureKind.Undeliverable, "Kunne ikke leveres", "Undeliverable")]
    [InlineData(MessageFailureKind.Cancelled, "Annulleret", "Cancelled")]
    public void Every_failure_kind_has_a_Danish_and_an_English_name(MessageFailureKind kind, string danish, string english)
        => (StaffView.FailureName(kind, Danish), StaffView.FailureName(kind, English)).Should().Be((danish, english));

    [Fact]
    public void A_type_or_branch_without_a_display_name_in_the_language_shows_its_name()
    {
        var view = StaffViews.For(o =>
        {
            o.Types["Kampagne"] = new NotificationTypeOptions { DisplayNameDa = "Kampagne for børn", DisplayNameEn = " ", Protocols = { Protocol.Sms } };
            o.Branches["HB"] = new BranchOptions { DisplayNameDa = "Hovedbiblioteket" };
        });
        var campaign = NotificationType.Parse("Kampagne");

        (view.TypeName(campaign, Danish), view.TypeName(campaign, English)).Should().Be(("Kampagne for børn", "Kampagne"));
        (view.BranchName("HB", Danish), view.BranchName("HB", English), view.BranchName("Filial-Syd", Danish)).Should().Be(("Hovedbiblioteket", "HB", "Filial-Syd"));
    }

    [Fact]
    public void A_failed_message_without_content_can_only_be_handled_by_hand_or_dismissed()
    {
        var failed = Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Sms, null, new MessageContent(null, "Hej", null), "da-DK", T0)
            .MarkFailed(T0, new MessageFailure(MessageFailureKind.Rejected, "No."));
        var withoutContent = Message.Restore(failed.ToState() with { Content = null });

        (StaffView.ActionsFor(withoutContent), StaffView.ActionsFor(failed)).Should().Be((MessageActions.MarkHandled | MessageActions.Dismiss, MessageActions.Retry | MessageActions.Reroute | MessageActions.MarkHandled | MessageActions.Dismiss));
    }

    [Fact]
    public void Only_a_pending_letter_waits_for_a_letter_run()
    {
        var view = StaffViews.For(o => o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Brev", Address = ProtocolAddress.None, Delivery = ProtocolDelivery.Collected }));
        var letter = Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Parse("Brev"), null, new MessageContent(null, "Brev", null), "da-DK", T0);

        (view.WaitsForLetterRun(letter), view.WaitsForLetterRun(letter.MarkCollected(T0, Guid.NewGuid(), "mette"))).Should().Be((true, false));
    }
}
