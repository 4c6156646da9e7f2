using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;

namespace Cicero.Notifications.Tests.Sending;

public sealed class NotifyTests : IDisposable
{
    private readonly TestLibrary _library = new();

    [Fact]
    public async Task Notification_goes_out_on_every_chosen_protocol_in_the_types_order()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithEmail(_library.WithPhone(p, "20 12 34 56"), "hans@example.dk"));

        var messages = await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        messages.Select(m => m.Protocol).Should().Equal(Protocol.Sms, Protocol.Email);
        messages.Should().OnlyContain(m => m.Status == MessageStatus.Pending);
        messages[0].Content!.Body.Should().Be("Eksempelby Bibliotek: Kongens Fald");
        messages[1].Content!.Subject.Should().Be("Besked om Kongens Fald");
    }

    [Fact]
    public async Task Messages_are_stored_before_any_channel_is_called()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));

        var messages = await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        _library.Sms.Sent.Should().BeEmpty();
        (await _library.GetAsync(messages[0].Id)).Status.Should().Be(MessageStatus.Pending);
    }

    [Fact]
    public async Task Borrower_without_the_types_protocols_gets_the_alternative_protocol()
    {
        await _library.SaveProfileAsync("B1", p => p.OptIn(Protocol.Parse("Print")));

        var messages = await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        messages.Should().ContainSingle().Which.Protocol.Should().Be(Protocol.Parse("Print"));
        messages[0].Content!.Body.Should().Be("Brev: Kongens Fald");
    }

    [Fact]
    public async Task Borrower_without_any_protocol_and_no_alternative_gets_MissingContactInfo()
    {
        await _library.SaveProfileAsync("B1", p => p);

        var messages = await _library.NotifyAsync("B1", NotificationType.ReservationReady);

        var message = messages.Should().ContainSingle().Subject;
        message.Status.Should().Be(MessageStatus.MissingContactInfo);
        message.Protocol.Should().Be(Protocol.Sms);
        (await _library.Messages.CountQueueAsync()).Should().Be(0);
    }

    [Fact]
    public async Task MissingContactInfo_message_keeps_its_template_data_when_its_template_fails()
    {
        using var library = new TestLibrary(o => o.Templates.Single(t => t is { Type: "ReservationReady", Protocol: "Sms" }).Body = "{{ missing_variable }}");
        await library.SaveProfileAsync("B1", p => p);

        var message = (await library.NotifyAsync("B1", NotificationType.ReservationReady)).Single();

        message.Status.Should().Be(MessageStatus.MissingContactInfo);
        message.Content!.TemplateData.Should().Contain("Kongens Fald");
    }

    [Fact]
    public async Task Template_that_fails_for_one_message_fails_only_that_message()
    {
        using var library = new TestLibrary(o => o.Templates.Single(t => t is { Type: "WelcomeBorrower", Protocol: "Email" }).Body = "{{ missing_variable }}");
        await library.SaveProfileAsync("B1", p => library.WithEmail(library.WithPhone(p, "20 12 34 56"), "hans@example.dk"));

        var messages = await library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        messages.Single(m => m.Protocol == Protocol.Sms).Status.Should().Be(MessageStatus.Pending);
        var failed = messages.Single(m => m.Protocol == Protocol.Email);
        failed.Status.Should().Be(MessageStatus.Failed);
        failed.LastFailure!.Kind.Should().Be(MessageFailureKind.TemplateFailed);
        (await library.Messages.ListQueueAsync(MessageQueueFilter.All, new PageRequest())).Items.Should().ContainSingle(m => m.Id == failed.Id);
    }

    [Fact]
    public async Task Sms_over_the_segment_limit_fails_with_the_template()
    {
        using var library = new TestLibrary(o => o.MaxSmsSegments = 1);
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));

        var messages = await library.NotifyAsync("B1", NotificationType.WelcomeBorrower, title: new string('a', 400));

        messages.Single().LastFailure!.Kind.Should().Be(MessageFailureKind.TemplateFailed);
    }

    [Fact]
    public async Task Same_idempotency_key_twice_returns_the_first_messages_and_creates_nothing()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));

        var first = await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower, idempotencyKey: "welcome-B1");
        var second = await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower, idempotencyKey: "welcome-B1");

        second.Select(m => m.Id).Should().Equal(first.Select(m => m.Id));
        (await _library.Messages.ListByBorrowerAsync(BorrowerId.Parse("B1"), null, new PageRequest())).Items.Should().HaveCount(1);
    }

    [Fact]
    public async Task Unknown_notification_type_is_refused_and_nothing_is_stored()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));

        var act = () => _library.NotifyAsync("B1", NotificationType.Parse("BalanceStatement"));

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*'BalanceStatement' is not set up*");
        (await _library.Messages.ListByBorrowerAsync(BorrowerId.Parse("B1"), null, new PageRequest())).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_borrower_is_refused()
    {
        var act = () => _library.NotifyAsync("nobody", NotificationType.WelcomeBorrower);

        await act.Should().ThrowAsync<BorrowerProfileNotFoundException>().WithMessage("Borrower nobody has no profile*");
    }

    [Fact]
    public async Task Template_data_that_is_not_plain_data_is_refused_naming_the_key()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));

        var act = () => _library.Notifier.NotifyAsync(new Notification(BorrowerId.Parse("B1"), NotificationType.WelcomeBorrower)
        {
            Data = new Dictionary<string, object?> { ["title"] = "x", ["profile"] = BorrowerProfile.Create(BorrowerId.Parse("B1")) },
        });

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*'profile'*BorrowerProfile*");
    }

    [Fact]
    public async Task Email_to_an_unverified_address_is_held()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithEmail(p, "ny@example.dk", ContactSource.Manual));

        var messages = await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        messages.Should().ContainSingle().Which.IsHeld.Should().BeTrue();
    }

    [Fact]
    public async Task Borrowers_preferred_culture_chooses_the_template()
    {
        using var library = new TestLibrary(o => o.Templates.Add(new() { Type = "WelcomeBorrower", Protocol = "Sms", Culture = "en", Body = "Welcome, {{ title }}" }));
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56").WithPreferredCulture("en-GB"));

        var messages = await library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        messages.Single().Content!.Body.Should().Be("Welcome, Kongens Fald");
        messages.Single().Culture.Should().Be("en-GB");
    }

    public void Dispose() => _library.Dispose();

    [Fact]
    public void The_culture_is_the_notifications_else_the_borrowers_else_the_librarys_default()
    {
        var setup = new Cicero.Notifications.Sending.ServerSetup(Microsoft.Extensions.Options.Options.Create(new CiceroNotificationsOptions { DefaultCulture = "da-DK" }));
        var german = BorrowerProfile.Create(BorrowerId.Parse("B-1")).WithPreferredCulture("de-DE");

        (setup.CultureFor("en-GB", german), setup.CultureFor(null, german), setup.CultureFor(null, null)).Should().Be(("en-GB", "de-DE", "da-DK"));
    }
}
