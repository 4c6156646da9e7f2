using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// Quiet hours: a message due inside its protocol's window waits until it ends — never dropped, never sent inside it,
/// no attempt spent — whether it is a first send, a retry or a staff retry; a type can ignore them or have its own.
/// </summary>
public sealed class QuietHoursTests
{
    // 2 November 2026, 21:00 UTC = 22:00 in Copenhagen (CET).
    private static readonly DateTimeOffset Evening = new(2026, 11, 2, 21, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextMorning = new(2026, 11, 3, 7, 0, 0, TimeSpan.Zero); // 08:00 CET

    [Fact]
    public async Task An_sms_due_at_night_waits_until_the_morning_without_an_attempt_and_then_goes()
    {
        using var library = Library();
        library.Time.SetUtcNow(Evening);
        var message = await NotifyAsync(library);

        var night = await library.Dispatcher.DispatchDueAsync();
        var waiting = await library.GetAsync(message.Id);
        library.Time.SetUtcNow(NextMorning.AddSeconds(-1));
        var beforeEight = await library.Dispatcher.DispatchDueAsync();
        library.Time.SetUtcNow(NextMorning);
        await library.Dispatcher.DispatchDueAsync();

        (night.Deferred, night.Delivered, beforeEight.Claimed).Should().Be((1, 0, 0));
        library.Logs.GetSnapshot().First(l => l.Id.Name == "DispatchCompleted").Message.Should().StartWith("Dispatch claimed 1 message(s): 0 sent, 0 to retry, 0 failed, 0 waiting for a paused channel, 1 waiting for quiet hours, in ");
        waiting.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, NextAttemptAt = NextMorning, AttemptCount = 0, LastFailure = (MessageFailure?)null, ChangedAt = Evening });
        waiting.History[^1].Event.Should().Be(MessageEvent.Deferred);
        library.Sms.Sent.Should().ContainSingle();
        (await library.GetAsync(message.Id)).Should().BeEquivalentTo(new { Status = MessageStatus.Sent, ChangedAt = NextMorning });
    }

    [Fact]
    public async Task The_borrowers_list_and_the_print_show_when_a_waiting_message_goes()
    {
        using var library = Library();
        library.Time.SetUtcNow(Evening);
        var message = await NotifyAsync(library);
        await library.Dispatcher.DispatchDueAsync();

        var row = await library.Services.GetRequiredService<IBorrowerMessages>().GetAsync(message.Id);
        var printed = await library.Services.GetRequiredService<IMessagePrinter>().PrintAsync(message.Id);

        row!.NextAttemptAt.Should().Be(NextMorning);
        printed!.Text.Should().Contain("Sendes tidligst: 3. november 2026 kl. 08:00\n");
    }

    [Fact]
    public async Task A_retry_that_falls_in_the_night_waits_for_the_morning()
    {
        using var library = Library();
        library.Time.SetUtcNow(Evening.AddHours(-1).AddSeconds(-10)); // 20:59:50 local: before the window; the retry 30 s later is inside
        library.Sms.Then(DeliveryResult.TransientFailure("Gateway timeout"));
        var message = await NotifyAsync(library);
        await library.Dispatcher.DispatchDueAsync();
        var retry = (await library.GetAsync(message.Id)).NextAttemptAt!.Value;
        library.Time.SetUtcNow(retry);

        var atRetry = await library.Dispatcher.DispatchDueAsync();

        retry.Should().BeAfter(Evening.AddHours(-1), "the first retry is due inside the window, which begins at 21:00 local");
        atRetry.Should().Be(new DispatchResult(1, 0, 0, 0, 0, 1));
        (atRetry.Deferred, library.Sms.Sent.Count).Should().Be((1, 1));
        (await library.GetAsync(message.Id)).Should().BeEquivalentTo(new { NextAttemptAt = NextMorning, AttemptCount = 1 });
    }

    [Fact]
    public async Task A_staff_retry_at_night_waits_for_the_morning()
    {
        using var library = Library();
        library.Time.SetUtcNow(Evening.AddHours(-3));
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown subscriber"));
        var message = await NotifyAsync(library);
        await library.Dispatcher.DispatchDueAsync();
        library.Time.SetUtcNow(Evening);
        await library.Services.GetRequiredService<IMessageQueue>().RetryAsync(message.Id, "staff-1");

        var night = await library.Dispatcher.DispatchDueAsync();

        (night.Deferred, library.Sms.Sent.Count).Should().Be((1, 1));
        (await library.GetAsync(message.Id)).NextAttemptAt.Should().Be(NextMorning);
    }

    [Fact]
    public async Task A_type_that_ignores_quiet_hours_goes_at_night()
    {
        using var library = Library(o => o.Types["ReservationReady"].IgnoreQuietHours = true);
        library.Time.SetUtcNow(Evening);
        await NotifyAsync(library);

        var night = await library.Dispatcher.DispatchDueAsync();

        (night.Delivered, night.Deferred).Should().Be((1, 0));
    }

    [Fact]
    public async Task A_types_own_window_replaces_the_servers()
    {
        using var library = Library(o => o.Types["ReservationReady"].QuietHours["Sms"] = new QuietHoursWindow { From = new TimeOnly(23, 0), To = new TimeOnly(7, 0) });
        library.Time.SetUtcNow(Evening); // 22:00 local: quiet for the server, not for this type
        await NotifyAsync(library);

        var night = await library.Dispatcher.DispatchDueAsync();

        night.Delivered.Should().Be(1);
    }

    [Fact]
    public async Task Other_protocols_are_not_held_by_the_sms_window()
    {
        using var library = Library();
        library.Time.SetUtcNow(Evening);
        await library.SaveProfileAsync("B-2", p => library.WithEmail(p, "hans@example.dk"));
        await library.NotifyAsync("B-2", NotificationType.ReservationReady);

        var night = await library.Dispatcher.DispatchDueAsync();

        (night.Delivered, library.Email.Sent.Count).Should().Be((1, 1));
    }

    [Fact]
    public void Quiet_hours_for_a_misspelt_protocol_are_refused_at_start_up()
    {
        var act = () =>
        {
            using var library = Library(o => o.QuietHours["Smss"] = new QuietHoursWindow { From = new TimeOnly(21, 0), To = new TimeOnly(8, 0) });
            _ = library.Notifier;
        };

        act.Should().Throw<Exception>().Where(e => e.ToString().Contains("QuietHours:Smss is not a protocol: use ", StringComparison.Ordinal));
    }

    // ---- The decision itself (QuietHoursPolicy), without a dispatcher -------------------------------------------------

    [Fact]
    public void Without_quiet_hours_nothing_waits()
    {
        var policy = Policy(_ => { });

        (policy.Any, policy.WaitUntil(SmsMessage(NotificationType.ReservationReady), Evening)).Should().Be((false, (DateTimeOffset?)null));
    }

    [Fact]
    public void A_type_without_a_window_of_its_own_adds_no_quiet_hours()
    {
        var policy = Policy(o => o.Types["ReservationReady"] = new NotificationTypeOptions());

        policy.Any.Should().BeFalse();
    }

    [Fact]
    public void A_window_of_a_type_alone_makes_that_types_messages_wait()
    {
        var policy = Policy(o => o.Types["ReservationReady"] = new NotificationTypeOptions { QuietHours = { ["Sms"] = Night() } });

        policy.Any.Should().BeTrue();
        policy.WaitUntil(SmsMessage(NotificationType.ReservationReady), Evening).Should().Be(NextMorning);
        policy.WaitUntil(SmsMessage(NotificationType.DueDateReminder), Evening).Should().BeNull();
    }

    [Fact]
    public void A_types_window_for_another_protocol_leaves_the_servers_window_in_force()
    {
        var policy = Policy(o =>
        {
            o.QuietHours["Sms"] = Night();
            o.Types["ReservationReady"] = new NotificationTypeOptions { QuietHours = { ["Email"] = new QuietHoursWindow { From = new TimeOnly(20, 0), To = new TimeOnly(9, 0) } } };
        });

        policy.WaitUntil(SmsMessage(NotificationType.ReservationReady), Evening).Should().Be(NextMorning);
    }

    [Fact]
    public void A_types_window_for_the_protocol_replaces_the_servers()
    {
        var policy = Policy(o =>
        {
            o.QuietHours["Sms"] = Night();
            o.Types["ReservationReady"] = new NotificationTypeOptions { QuietHours = { ["Sms"] = new QuietHoursWindow { From = new TimeOnly(20, 0), To = new TimeOnly(9, 0) } } };
        });

        policy.WaitUntil(SmsMessage(NotificationType.ReservationReady), Evening).Should().Be(NextMorning.AddHours(1));
    }

    [Fact]
    public void A_type_that_ignores_quiet_hours_never_waits()
    {
        var policy = Policy(o =>
        {
            o.QuietHours["Sms"] = Night();
            o.Types["ReservationReady"] = new NotificationTypeOptions { IgnoreQuietHours = true };
        });

        policy.WaitUntil(SmsMessage(NotificationType.ReservationReady), Evening).Should().BeNull();
    }

    [Fact]
    public void The_email_verification_message_never_waits()
    {
        var policy = Policy(o => o.QuietHours["Email"] = Night());
        var verification = Message.CreatePending(MessageId.New(Evening), BorrowerId.Parse("B-1"), NotificationType.EmailVerification, Protocol.Email, MessageRecipient.Email(EmailAddress.Parse("laaner@example.dk")), new MessageContent("Bekræft", "Bekræft", null), "da-DK", Evening);

        policy.WaitUntil(verification, Evening).Should().BeNull();
    }

    [Fact]
    public void A_message_outside_the_window_does_not_wait()
    {
        var policy = Policy(o => o.QuietHours["Sms"] = Night());

        policy.WaitUntil(SmsMessage(NotificationType.ReservationReady), NextMorning).Should().BeNull();
    }

    private static QuietHoursWindow Night() => new() { From = new TimeOnly(21, 0), To = new TimeOnly(8, 0) };

    private static QuietHoursPolicy Policy(Action<CiceroNotificationsOptions> configure)
    {
        var options = new CiceroNotificationsOptions();
        configure(options);
        return new QuietHoursPolicy(new ServerSetup(Microsoft.Extensions.Options.Options.Create(options)));
    }

    private static Message SmsMessage(NotificationType type) =>
        Message.CreatePending(MessageId.New(Evening), BorrowerId.Parse("B-1"), type, Protocol.Sms, MessageRecipient.Phone(PhoneNumber.Parse("20123456")), new MessageContent(null, "Hej", null), "da-DK", Evening);

    private static TestLibrary Library(Action<CiceroNotificationsOptions>? configure = null) => new(o =>
    {
        o.QuietHours["Sms"] = new QuietHoursWindow { From = new TimeOnly(21, 0), To = new TimeOnly(8, 0) };
        configure?.Invoke(o);
    });

    private static async Task<Message> NotifyAsync(TestLibrary library)
    {
        await library.SaveProfileAsync("B-1", p => library.WithPhone(p, "+45 20 12 34 56"));
        return (await library.NotifyAsync("B-1", NotificationType.ReservationReady))[0];
    }
}
