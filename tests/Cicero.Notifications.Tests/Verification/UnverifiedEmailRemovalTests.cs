using Cicero.Notifications.Domain;
using Cicero.Notifications.Tests.Borrowers;

namespace Cicero.Notifications.Tests.Verification;

/// <summary>Staff remove an e-mail address before it was verified: its held messages follow rule 8 at once, never wait forever.</summary>
public sealed class UnverifiedEmailRemovalTests : IDisposable
{
    private const string Address = "laaner@example.dk";
    private readonly ProfileHarness _h = new();
    private readonly BorrowerId _id = ProfileHarness.Borrower();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Removing_an_unverified_email_moves_its_held_message_to_the_alternative_protocol()
    {
        var held = await HeldMessageWithPhoneAsync();

        await _h.Profiles.RemoveEmailAsync(_id, Address);

        (await _h.MessageAsync(held)).Should().BeEquivalentTo(new { Protocol = Protocol.Sms, Status = MessageStatus.Pending, IsHeld = false });
    }

    [Fact]
    public async Task The_moved_message_records_the_removal_in_its_history()
    {
        var held = await HeldMessageWithPhoneAsync();

        await _h.Profiles.RemoveEmailAsync(_id, Address);

        (await _h.MessageAsync(held)).History.Last().Reason.Should().Be("Moved from Email to Sms. The e-mail address was removed before it was verified.");
    }

    [Fact]
    public async Task Removing_an_unverified_email_leaves_no_held_message()
    {
        await HeldMessageWithPhoneAsync();

        await _h.Profiles.RemoveEmailAsync(_id, Address);

        (await _h.Messages.ListHeldAsync(_id, null)).Should().BeEmpty();
    }

    private async Task<MessageId> HeldMessageWithPhoneAsync()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.AddPhoneAsync(_id, "20123456", ContactPurpose.Notification, ContactSource.Manual);
        await _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Manual);
        return (await _h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady))).Single().Id;
    }
}
