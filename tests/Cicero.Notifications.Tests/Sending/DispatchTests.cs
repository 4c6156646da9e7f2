using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

public sealed class DispatchTests : IDisposable
{
    private readonly TestLibrary _library = new();

    [Fact]
    public async Task Dispatch_sends_every_due_message_through_its_protocols_channel()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithEmail(_library.WithPhone(p, "20 12 34 56"), "hans@example.dk"));
        var messages = await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        var result = await _library.Dispatcher.DispatchDueAsync();

        result.Should().Be(new DispatchResult(Claimed: 2, Delivered: 2, Retrying: 0, Failed: 0, Paused: 0));
        _library.Sms.Sent.Should().ContainSingle().Which.Recipient!.Value.Should().Be("+4520123456");
        _library.Email.Sent.Should().ContainSingle().Which.Subject.Should().Be("Besked om Kongens Fald");
        foreach (var message in messages)
        {
            var stored = await _library.GetAsync(message.Id);
            stored.Status.Should().Be(MessageStatus.Sent);
            stored.ChangedAt.Should().Be(TestLibrary.Start);
        }
    }

    [Fact]
    public async Task Channel_gets_the_message_id_as_idempotency_key()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        var message = (await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();

        await _library.Dispatcher.DispatchDueAsync();

        _library.Sms.Sent.Single().Id.Should().Be(message.Id);
    }

    [Fact]
    public async Task Transient_failure_is_retried_after_backoff_then_sent()
    {
        _library.Sms.Then(_ => DeliveryResult.TransientFailure("HTTP 503"));
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        var message = (await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();

        await _library.Dispatcher.DispatchDueAsync();
        var waiting = await _library.GetAsync(message.Id);
        _library.Time.Advance(TimeSpan.FromSeconds(29));
        var early = await _library.Dispatcher.DispatchDueAsync();
        _library.Time.Advance(TimeSpan.FromSeconds(1));
        await _library.Dispatcher.DispatchDueAsync();

        waiting.Status.Should().Be(MessageStatus.Pending);
        waiting.NextAttemptAt.Should().Be(TestLibrary.Start.AddSeconds(30));
        waiting.ChangedAt.Should().Be(TestLibrary.Start, "a scheduled retry is not a status change");
        early.Claimed.Should().Be(0);
        var sent = await _library.GetAsync(message.Id);
        sent.Status.Should().Be(MessageStatus.Sent);
        sent.AttemptCount.Should().Be(2);
        sent.LastFailure.Should().BeNull("the failure is history once the message is delivered");
    }

    [Fact]
    public async Task Retry_after_from_the_provider_is_honoured_when_longer_than_the_backoff()
    {
        _library.Sms.Then(_ => DeliveryResult.TransientFailure("HTTP 429", TimeSpan.FromMinutes(10)));
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        var message = (await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();

        await _library.Dispatcher.DispatchDueAsync();

        (await _library.GetAsync(message.Id)).NextAttemptAt.Should().Be(TestLibrary.Start.AddMinutes(10));
    }

    [Fact]
    public async Task Retries_exhausted_make_the_message_Failed_in_the_queue()
    {
        using var library = new TestLibrary(o => o.Retry.MaxAttempts = 3);
        library.Sms.Otherwise = _ => DeliveryResult.TransientFailure("HTTP 503");
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        var message = (await library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();

        for (var i = 0; i < 3; i++)
        {
            await library.Dispatcher.DispatchDueAsync();
            library.Time.Advance(TimeSpan.FromHours(1));
        }

        var failed = await library.GetAsync(message.Id);
        failed.Status.Should().Be(MessageStatus.Failed);
        failed.LastFailure!.Kind.Should().Be(MessageFailureKind.RetriesExhausted);
        failed.AttemptCount.Should().Be(3);
        library.Sms.Sent.Should().HaveCount(3);
        (await library.Messages.CountQueueAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Backoff_grows_exponentially()
    {
        var retry = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(30), Multiplier = 2, Jitter = 0, MaxDelay = TimeSpan.FromMinutes(3) };

        var delays = Enumerable.Range(1, 5).Select(n => retry.DelayAfter(n, 0.5)).ToList();

        delays.Should().Equal(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task Jitter_keeps_the_delay_within_its_fraction()
    {
        var retry = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(100), Jitter = 0.2 };

        retry.DelayAfter(1, 0).Should().Be(TimeSpan.FromSeconds(80));
        retry.DelayAfter(1, 0.999999).Should().BeCloseTo(TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(1));
        await Task.CompletedTask;
    }

    [Fact]
    public void The_delay_before_any_failed_attempt_is_the_base_delay()
    {
        var retry = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(30), Jitter = 0 };

        retry.DelayAfter(0, 0.5).Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Jitter_never_takes_a_delay_past_the_longest_delay()
    {
        var retry = new RetryOptions { BaseDelay = TimeSpan.FromMinutes(2), MaxDelay = TimeSpan.FromMinutes(2), Jitter = 0.2 };

        retry.DelayAfter(1, 0.999).Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Jitter_larger_than_the_delay_itself_gives_no_delay_rather_than_a_negative_one()
    {
        var retry = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(10), Jitter = 2 };

        retry.DelayAfter(1, 0).Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(0.0, 80)]
    [InlineData(0.5, 100)]
    [InlineData(0.75, 110)]
    public async Task A_retry_is_scheduled_with_the_jitter_of_the_injected_randomizer(double random, int seconds)
    {
        using var library = new TestLibrary(
            o =>
            {
                o.Retry.BaseDelay = TimeSpan.FromSeconds(100);
                o.Retry.Jitter = 0.2;
            },
            services => services.AddSingleton(new RetryRandomizer(() => random)));
        library.Sms.Then(_ => DeliveryResult.TransientFailure("HTTP 503"));
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        var message = (await library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();

        await library.Dispatcher.DispatchDueAsync();

        (await library.GetAsync(message.Id)).NextAttemptAt.Should().Be(TestLibrary.Start + TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public async Task Permanent_failure_makes_the_message_Failed_with_the_reason()
    {
        _library.Sms.Then(_ => DeliveryResult.PermanentFailure("HTTP 400: invalid number"));
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        var message = (await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();
        _library.Time.Advance(TimeSpan.FromMinutes(1));

        await _library.Dispatcher.DispatchDueAsync();

        var failed = await _library.GetAsync(message.Id);
        failed.Status.Should().Be(MessageStatus.Failed);
        failed.LastFailure.Should().Be(new MessageFailure(MessageFailureKind.Rejected, "HTTP 400: invalid number"));
        failed.ChangedAt.Should().Be(TestLibrary.Start.AddMinutes(1));
    }

    [Fact]
    public async Task Channel_that_throws_is_a_transient_failure_naming_only_the_exception_type()
    {
        _library.Sms.Then(_ => throw new InvalidOperationException("gateway said no to +4520123456"));
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        var message = (await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();

        var result = await _library.Dispatcher.DispatchDueAsync();

        result.Retrying.Should().Be(1);
        var stored = await _library.GetAsync(message.Id);
        stored.LastFailure!.Reason.Should().Be("The channel failed with InvalidOperationException.");
        _library.Logs.GetSnapshot().Should().NotContain(r => r.Message.Contains("+4520123456", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Held_email_is_not_sent()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithEmail(p, "ny@example.dk", ContactSource.Manual));
        await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        var result = await _library.Dispatcher.DispatchDueAsync();

        result.Claimed.Should().Be(0);
        _library.Email.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task Message_due_later_is_not_sent_before_its_time()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        await _library.Notifier.NotifyAsync(new Notification(BorrowerId.Parse("B1"), NotificationType.WelcomeBorrower)
        {
            Data = new Dictionary<string, object?> { ["title"] = "x" },
            NotBefore = TestLibrary.Start.AddHours(2),
        });

        var now = await _library.Dispatcher.DispatchDueAsync();
        _library.Time.Advance(TimeSpan.FromHours(2));
        var later = await _library.Dispatcher.DispatchDueAsync();

        now.Claimed.Should().Be(0);
        later.Delivered.Should().Be(1);
    }

    [Fact]
    public async Task Interrupted_send_on_an_at_most_once_channel_goes_to_staff_in_doubt()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        var message = (await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();
        await CrashMidSendAsync();

        await _library.Dispatcher.DispatchDueAsync();

        var stored = await _library.GetAsync(message.Id);
        stored.Status.Should().Be(MessageStatus.Failed);
        stored.LastFailure!.Kind.Should().Be(MessageFailureKind.InDoubt);
        _library.Sms.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task A_message_claimed_by_a_dispatcher_that_died_before_its_send_began_is_sent_and_not_in_doubt()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        var message = (await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();
        var now = _library.Time.GetUtcNow();
        await _library.Messages.ClaimDueAsync("crashed-host", now, now.AddMinutes(5), 10, []);
        _library.Time.Advance(TimeSpan.FromMinutes(6));

        await _library.Dispatcher.DispatchDueAsync();

        (await _library.GetAsync(message.Id)).Status.Should().Be(MessageStatus.Sent);
        _library.Sms.Sent.Should().ContainSingle().Which.Id.Should().Be(message.Id);
    }

    [Fact]
    public async Task Interrupted_send_on_an_at_least_once_channel_is_sent_again()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithEmail(p, "hans@example.dk"));
        var message = (await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();
        await CrashMidSendAsync();

        await _library.Dispatcher.DispatchDueAsync();

        (await _library.GetAsync(message.Id)).Status.Should().Be(MessageStatus.Sent);
        _library.Email.Sent.Should().ContainSingle().Which.Id.Should().Be(message.Id);
    }

    [Fact]
    public async Task Message_on_a_lease_that_has_not_expired_is_not_claimed_again()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);
        var now = _library.Time.GetUtcNow();
        await _library.Messages.ClaimDueAsync("another-host", now, now.AddMinutes(5), 10, []);

        var result = await _library.Dispatcher.DispatchDueAsync();

        result.Claimed.Should().Be(0);
    }

    /// <summary>A dispatcher claims the due messages, begins their sends and dies before recording any outcome.</summary>
    private async Task CrashMidSendAsync()
    {
        var now = _library.Time.GetUtcNow();
        var claimed = await _library.Messages.ClaimDueAsync("crashed-host", now, now.AddMinutes(5), 10, []);
        claimed.Should().NotBeEmpty();
        foreach (var c in claimed)
        {
            (await _library.Messages.TryBeginSendAsync(c.Message.Id, "crashed-host", now, now.AddMinutes(5))).Should().BeTrue();
        }

        _library.Time.Advance(TimeSpan.FromMinutes(6));
    }

    public void Dispose() => _library.Dispose();
}
