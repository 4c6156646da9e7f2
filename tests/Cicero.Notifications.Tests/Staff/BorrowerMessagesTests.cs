using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Tests.Staff;

public sealed class BorrowerMessagesTests
{
    public static TheoryData<MessageFailureKind> FailureKinds() => [.. Enum.GetValues<MessageFailureKind>()];

    [Theory]
    [MemberData(nameof(FailureKinds))]
    public void Every_failure_kind_has_a_Danish_and_an_English_name(MessageFailureKind kind)
    {
        var danish = Cicero.Notifications.Staff.StaffView.FailureName(kind, CultureInfo.GetCultureInfo("da-DK"));
        var english = Cicero.Notifications.Staff.StaffView.FailureName(kind, CultureInfo.GetCultureInfo("en-GB"));

        // A kind without names falls back to its identifier in both languages.
        danish.Should().NotBe(kind.ToString()).And.NotBe(english);
    }

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task Borrower_messages_are_listed_newest_first()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56");
        var first = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();
        host.Clock.Advance(TimeSpan.FromHours(1));
        var second = (await host.NotifyAsync("B-1", NotificationType.ReservationReady)).Single();

        var page = await host.BorrowerMessages.ListAsync(BorrowerId.Parse("B-1"), new PageRequest());

        page.Items.Select(r => r.Id).Should().Equal(second.Id, first.Id);
    }

    [Fact]
    public async Task Borrower_messages_are_paged_with_the_continuation()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56");
        var ids = new List<MessageId>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single().Id);
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await host.BorrowerMessages.ListAsync(BorrowerId.Parse("B-1"), new PageRequest(2));
        var second = await host.BorrowerMessages.ListAsync(BorrowerId.Parse("B-1"), new PageRequest(2, first.Continuation));
        var third = await host.BorrowerMessages.ListAsync(BorrowerId.Parse("B-1"), new PageRequest(2, second.Continuation));

        first.Items.Concat(second.Items).Concat(third.Items).Select(r => r.Id).Should().Equal(Enumerable.Reverse(ids));
        third.Continuation.Should().BeNull();
    }

    [Fact]
    public async Task Borrower_messages_can_be_filtered_by_status()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower);

        var page = await host.BorrowerMessages.ListAsync(failed.BorrowerId, new PageRequest(), MessageStatus.Failed);

        page.Items.Should().ContainSingle().Which.Id.Should().Be(failed.Id);
    }

    [Fact]
    public async Task Borrower_messages_list_only_that_borrowers_messages()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56");
        await host.SaveBorrowerAsync("B-2", phone: "20 65 43 21");
        await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower);

        var page = await host.BorrowerMessages.ListAsync(BorrowerId.Parse("B-2"), new PageRequest());

        page.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Row_shows_Danish_display_names_by_default()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var row = (await host.BorrowerMessages.GetAsync(failed.Id))!;

        (row.TypeName, row.ProtocolName, row.StatusName, row.FailureName).Should().Be(("Velkomst til låner", "SMS", "Fejlet", "Afvist"));
    }

    [Fact]
    public async Task Row_shows_English_display_names_for_an_English_culture()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();

        var row = (await host.BorrowerMessages.GetAsync(failed.Id, English))!;

        (row.TypeName, row.ProtocolName, row.StatusName, row.FailureName).Should().Be(("Welcome to the library", "SMS", "Failed", "Rejected"));
    }

    [Theory]
    [InlineData("da-DK", "Saldoopgørelse", "Brev")]
    [InlineData("en-GB", "Balance statement", "Letter")]
    public async Task Row_shows_display_names_of_host_defined_types_and_user_defined_protocols(string culture, string typeName, string protocolName)
    {
        using var host = new StaffHost();
        var message = await host.AddAsync(Message.CreatePending(
            MessageId.New(StaffHost.Start), BorrowerId.Parse("B-1"), StaffHost.BalanceStatement, StaffHost.Print, null, new MessageContent("Saldo", "Din saldo", null), "da-DK", StaffHost.Start));

        var row = (await host.BorrowerMessages.GetAsync(message.Id, CultureInfo.GetCultureInfo(culture)))!;

        (row.TypeName, row.ProtocolName).Should().Be((typeName, protocolName));
    }

    [Fact]
    public async Task Row_masks_the_CPR_number_of_a_Digital_Post_recipient()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1", cpr: "010190-1234");
        var message = (await host.NotifyAsync("B-1", StaffHost.BalanceStatement)).Single();

        var row = (await host.BorrowerMessages.GetAsync(message.Id))!;

        row.Recipient.Should().Be("010190-xxxx");
    }

    [Fact]
    public async Task Row_carries_times_flags_history_and_the_actions_that_fit()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        host.Clock.Advance(TimeSpan.FromHours(2));
        var dismissed = await host.Queue.DismissAsync(failed.Id, StaffHost.Staff, "Borger kontaktet");

        var row = (await host.BorrowerMessages.GetAsync(failed.Id))!;

        row.Should().BeEquivalentTo(new
        {
            dismissed.CreatedAt,
            dismissed.ChangedAt,
            IsDismissed = true,
            IsHandledManually = false,
            IsAnonymized = false,
            IsHeld = false,
            AvailableActions = MessageActions.Retry | MessageActions.Reroute | MessageActions.MarkHandled,
            History = dismissed.History,
        });
    }

    [Fact]
    public async Task Missing_contact_info_message_is_on_the_borrowers_list()
    {
        using var host = new StaffHost();
        await host.SaveBorrowerAsync("B-1");
        var message = (await host.NotifyAsync("B-1", NotificationType.WelcomeBorrower)).Single();

        var page = await host.BorrowerMessages.ListAsync(BorrowerId.Parse("B-1"), new PageRequest());

        page.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            message.Id,
            Status = MessageStatus.MissingContactInfo,
            StatusName = "Mangler kontaktoplysninger",
            Recipient = (string?)null,
            AvailableActions = MessageActions.Retry | MessageActions.Reroute | MessageActions.MarkHandled,
        });
    }

    [Fact]
    public async Task Anonymized_message_stays_on_the_list_without_its_recipient_and_with_no_actions()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        host.Clock.Advance(TimeSpan.FromDays(400));
        await host.Store.AnonymizeBatchAsync(host.Clock.GetUtcNow(), host.Clock.GetUtcNow(), 100);

        var row = (await host.BorrowerMessages.ListAsync(failed.BorrowerId, new PageRequest())).Items.Single();

        (row.IsAnonymized, row.Recipient, row.AvailableActions).Should().Be((true, (string?)null, MessageActions.None));
    }

    [Fact]
    public async Task Listing_getting_and_printing_never_change_the_message()
    {
        using var host = new StaffHost();
        var failed = await host.FailedSmsAsync();
        host.Clock.Advance(TimeSpan.FromDays(3));

        await host.BorrowerMessages.ListAsync(failed.BorrowerId, new PageRequest());
        await host.BorrowerMessages.GetAsync(failed.Id);
        await host.Queue.ListAsync(MessageQueueFilter.All, new PageRequest());
        await host.Printer.PrintAsync(failed.Id);

        var stored = (await host.Store.GetAsync(failed.Id))!;
        (stored.ChangedAt, stored.Version, stored.History.Length).Should().Be((failed.ChangedAt, failed.Version, failed.History.Length));
    }

    [Fact]
    public async Task Getting_an_unknown_message_gives_null()
    {
        using var host = new StaffHost();

        var row = await host.BorrowerMessages.GetAsync(MessageId.From(Guid.Parse("0197a000-0000-7000-8000-000000000001")));

        row.Should().BeNull();
    }

    [Fact]
    public void Row_ToString_leaves_out_the_recipient()
    {
        var row = new MessageRow
        {
            Id = MessageId.From(Guid.Parse("0197a000-0000-7000-8000-000000000001")),
            BorrowerId = BorrowerId.Parse("B-1"),
            Type = NotificationType.WelcomeBorrower,
            TypeName = "Velkomst til låner",
            Protocol = Protocol.Sms,
            ProtocolName = "SMS",
            Status = MessageStatus.Sent,
            StatusName = "Sendt",
            Recipient = "+4520123456",
            CreatedAt = StaffHost.Start,
            ChangedAt = StaffHost.Start,
        };

        row.ToString().Should().NotContain("+4520123456");
    }
}
