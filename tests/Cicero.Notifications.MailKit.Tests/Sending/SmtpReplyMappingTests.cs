using Cicero.Notifications.MailKit.Tests.Support;

namespace Cicero.Notifications.MailKit.Tests.Sending;

/// <summary>What the channel reports for each SMTP reply to a message, against a real SMTP server.</summary>
public sealed class SmtpReplyMappingTests : IAsyncLifetime
{
    private SmtpHarness _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpHarness.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Theory]
    [InlineData(530, "SMTP 530: authentication required; check the configured credentials")] // MailKit throws ServiceNotAuthenticatedException for 530
    [InlineData(534, "SMTP 534: authentication failed; check the configured credentials (recipient refused)")]
    [InlineData(535, "SMTP 535: authentication failed; check the configured credentials (recipient refused)")]
    [InlineData(538, "SMTP 538: authentication failed; check the configured credentials (recipient refused)")]
    public async Task Authentication_reply_makes_the_channel_unavailable(int code, string reason)
    {
        _smtp.Server.RecipientReplies["hans@example.dk"] = code;

        var result = await Send("hans@example.dk");

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, reason));
    }

    [Theory]
    [InlineData(550, "SMTP 550: mailbox unavailable (sender refused)")]
    [InlineData(553, "SMTP 553: mailbox name not allowed (sender refused)")]
    [InlineData(554, "SMTP 554: transaction failed (sender refused)")]
    public async Task Sender_refused_for_good_makes_the_channel_unavailable(int code, string reason)
    {
        _smtp.Server.SenderReply = code;

        var result = await Send("hans@example.dk");

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, reason));
    }

    [Theory]
    [InlineData(450, "SMTP 450: mailbox temporarily unavailable (recipient refused)")]
    [InlineData(451, "SMTP 451: local error in processing (recipient refused)")]
    [InlineData(452, "SMTP 452: insufficient system storage (recipient refused)")]
    [InlineData(454, "SMTP 454: temporary authentication failure (recipient refused)")]
    public async Task Temporary_reply_is_transient(int code, string reason)
    {
        _smtp.Server.RecipientReplies["hans@example.dk"] = code;

        var result = await Send("hans@example.dk");

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.TransientFailure, reason));
    }

    [Fact]
    public async Task Sender_refused_for_now_is_transient()
    {
        _smtp.Server.SenderReply = 451;

        var result = await Send("hans@example.dk");

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.TransientFailure, "SMTP 451: local error in processing (sender refused)"));
    }

    [Theory]
    [InlineData(550, "SMTP 550: mailbox unavailable (recipient refused)")]
    [InlineData(551, "SMTP 551: user not local (recipient refused)")]
    [InlineData(552, "SMTP 552: exceeded storage allocation (recipient refused)")]
    [InlineData(553, "SMTP 553: mailbox name not allowed (recipient refused)")]
    [InlineData(554, "SMTP 554: transaction failed (recipient refused)")]
    public async Task Recipient_refused_for_good_is_permanent(int code, string reason)
    {
        _smtp.Server.RecipientReplies["hans@example.dk"] = code;

        var result = await Send("hans@example.dk");

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.PermanentFailure, reason));
    }

    [Fact]
    public async Task Channel_unavailable_is_logged_without_the_address()
    {
        _smtp.Server.SenderReply = 553;

        await Send("hans@example.dk");

        _smtp.AllLogText().Should().Contain("SmtpChannelUnavailable").And.NotContainAny("hans@", "noreply@");
    }

    private Task<DeliveryResult> Send(string to) => _smtp.Channel.SendAsync(_smtp.Email(to), CancellationToken.None);
}
