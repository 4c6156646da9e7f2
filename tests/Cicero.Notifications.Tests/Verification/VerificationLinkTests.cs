using Cicero.Notifications.Domain;
using Cicero.Notifications.Verification;

namespace Cicero.Notifications.Tests.Verification;

/// <summary>A stored verification message keeps its link without the token once it will not be sent again.</summary>
public sealed class VerificationLinkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Token = new string('A', 42) + "Q";
    private static readonly string Link = VerificationLink.Build(new Uri("https://bibliotek.example.dk/bekraeft?x=1"), Token, "en-GB");

    [Fact]
    public void The_link_is_the_base_url_with_the_token_and_the_mails_culture_as_its_query()
        => Link.Should().Be("https://bibliotek.example.dk/bekraeft?token=" + Token + "&culture=en-GB");

    [Fact]
    public void The_token_goes_from_the_body_and_the_html_body_of_a_sent_verification_message()
    {
        var sent = Message(NotificationType.EmailVerification).MarkDelivered(T0.AddMinutes(1));

        var stored = VerificationLink.RemoveToken(sent);

        stored.Content.Should().BeEquivalentTo(new
        {
            Body = "Bekræft: https://bibliotek.example.dk/bekraeft?token=***&culture=en-GB",
            HtmlBody = "<a href=\"https://bibliotek.example.dk/bekraeft?token=***&culture=en-GB\">Bekræft</a>",
        });
        stored.Should().BeEquivalentTo(sent, o => o.Excluding(m => m.Content));
    }

    [Fact]
    public void A_verification_message_still_to_be_sent_keeps_its_token()
    {
        var pending = Message(NotificationType.EmailVerification);

        VerificationLink.RemoveToken(pending).Should().BeSameAs(pending);
    }

    [Fact]
    public void Other_messages_are_stored_as_they_are()
    {
        var sent = Message(NotificationType.ReservationReady).MarkDelivered(T0.AddMinutes(1));

        VerificationLink.RemoveToken(sent).Should().BeSameAs(sent);
    }

    private static Message Message(NotificationType type)
    {
        var content = new MessageContent("Bekræft din e-mailadresse", "Bekræft: " + Link, null) { HtmlBody = $"<a href=\"{Link}\">Bekræft</a>" };
        return Cicero.Notifications.Domain.Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("L-1"), type, Protocol.Email, MessageRecipient.Email(EmailAddress.Parse("laaner@example.dk")), content, "da-DK", T0);
    }
}
