using Cicero.Notifications.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.Testing.Tests;

public sealed class RecordingChannelTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_message_is_recorded_in_the_order_it_was_sent()
    {
        var channel = new RecordingChannel();
        var first = Sms("først");
        var second = Sms("derefter");

        await channel.SendAsync(first, CancellationToken.None);
        await channel.SendAsync(second, CancellationToken.None);

        channel.Sent.Should().Equal(first, second);
    }

    [Fact]
    public async Task Without_a_script_every_send_is_delivered()
    {
        var channel = new RecordingChannel();

        var result = await channel.SendAsync(Sms(), CancellationToken.None);

        (result.Outcome, result.ProviderMessageId).Should().Be((DeliveryOutcome.Delivered, (string?)null));
    }

    [Fact]
    public async Task Queued_results_answer_the_next_sends_in_order_then_otherwise_answers()
    {
        var channel = new RecordingChannel()
            .Then(DeliveryResult.PermanentFailure("Unknown subscriber"), DeliveryResult.TransientFailure("HTTP 503"))
            .Then(_ => DeliveryResult.Delivered("gw-3"));
        channel.Otherwise = _ => DeliveryResult.Delivered("gw-later");

        var answers = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            var result = await channel.SendAsync(Sms(), CancellationToken.None);
            answers.Add(result.Reason ?? result.ProviderMessageId);
        }

        answers.Should().Equal("Unknown subscriber", "HTTP 503", "gw-3", "gw-later", "gw-later");
    }

    [Fact]
    public async Task A_scripted_function_answers_from_the_message_it_is_given()
    {
        var channel = new RecordingChannel().Then(m => DeliveryResult.Delivered("gw-" + m.Body));

        var result = await channel.SendAsync(Sms("42"), CancellationToken.None);

        result.ProviderMessageId.Should().Be("gw-42");
    }

    [Fact]
    public void A_scripted_function_that_throws_throws_from_the_send_after_the_message_is_recorded()
    {
        var channel = new RecordingChannel().Then(_ => throw new InvalidOperationException("gateway down"));
        var message = Sms();

        Action send = () => channel.SendAsync(message, CancellationToken.None);

        send.Should().Throw<InvalidOperationException>().WithMessage("gateway down");
        channel.Sent.Should().Equal(message);
    }

    [Fact]
    public async Task Each_send_is_timed_by_the_given_time_provider()
    {
        var time = new FakeTimeProvider(Start);
        var channel = new RecordingChannel(timeProvider: time);

        await channel.SendAsync(Sms(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        await channel.SendAsync(Sms(), CancellationToken.None);

        channel.SentAt.Should().Equal(Start, Start.AddMinutes(5));
    }

    [Fact]
    public void The_guarantee_is_at_most_once_unless_the_constructor_says_otherwise()
    {
        INotificationChannel byDefault = new RecordingChannel();
        INotificationChannel atLeastOnce = new RecordingChannel(DeliveryGuarantee.AtLeastOnce);

        (byDefault.Guarantee, atLeastOnce.Guarantee).Should().Be((DeliveryGuarantee.AtMostOnce, DeliveryGuarantee.AtLeastOnce));
    }

    [Fact]
    public async Task Concurrent_sends_are_all_recorded_each_with_its_own_time()
    {
        var time = new FakeTimeProvider(Start);
        var channel = new RecordingChannel(timeProvider: time);
        var messages = Enumerable.Range(0, 1_000).Select(i => Sms(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        await Parallel.ForEachAsync(messages, async (message, token) => await channel.SendAsync(message, token));

        channel.Sent.Should().BeEquivalentTo(messages);
        channel.SentAt.Should().HaveCount(1_000);
    }

    [Fact]
    public void Null_script_entries_and_a_null_otherwise_are_rejected()
    {
        var channel = new RecordingChannel();

        var nullResult = () => channel.Then((DeliveryResult)null!);
        var nullFunction = () => channel.Then((Func<OutgoingMessage, DeliveryResult>)null!);
        var nullOtherwise = () => channel.Otherwise = null!;

        nullResult.Should().Throw<ArgumentNullException>();
        nullFunction.Should().Throw<ArgumentNullException>();
        nullOtherwise.Should().Throw<ArgumentNullException>();
    }

    private static OutgoingMessage Sms(string body = "Din reservering er klar") => new()
    {
        Id = MessageId.New(Start),
        Protocol = Protocol.Sms,
        Type = NotificationType.ReservationReady,
        BorrowerId = BorrowerId.Parse("L-1001"),
        Recipient = MessageRecipient.Phone(PhoneNumber.Parse("+4520123456")),
        Body = body,
        Culture = "da-DK",
    };
}
