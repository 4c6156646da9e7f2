using System.Xml.Linq;
using Cicero.Notifications.DigitalPost;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>
/// An SMS gateway that records instead of sending. Numbers in the series +45 31 45 xx xx are "not in service": it refuses
/// them the way a real gateway does (HTTP 400), a permanent failure, so those messages go to the message queue.
/// </summary>
public sealed class SampleSmsChannel(SampleOutbox outbox, TimeProvider clock) : INotificationChannel
{
    /// <summary>The number series the gateway refuses (E.164, as the library stores phone numbers).</summary>
    public const string RefusedSeries = "+453145";

    /// <inheritdoc />
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var to = message.Recipient?.Value ?? "";
        if (to.StartsWith(RefusedSeries, StringComparison.Ordinal))
        {
            const string reason = "HTTP 400: number not in service";
            outbox.Add(new OutboxEntry(message.Id, clock.GetUtcNow(), "SMS", to, null, message.Body, "refused: " + reason));
            return Task.FromResult(DeliveryResult.PermanentFailure(reason));
        }

        outbox.Add(new OutboxEntry(message.Id, clock.GetUtcNow(), "SMS", to, null, message.Body, "delivered"));
        return Task.FromResult(DeliveryResult.Delivered(providerMessageId: "sms-" + message.Id));
    }
}

/// <summary>An e-mail channel that puts every mail in the sample outbox, where its verification link can be clicked.</summary>
public sealed class SampleEmailChannel(SampleOutbox outbox, TimeProvider clock) : INotificationChannel
{
    /// <inheritdoc />
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        outbox.Add(new OutboxEntry(message.Id, clock.GetUtcNow(), "E-mail", message.Recipient?.Value ?? "", message.Subject, message.Body, "delivered"));
        return Task.FromResult(DeliveryResult.Delivered(providerMessageId: $"<{message.Id}@sample.invalid>"));
    }
}

/// <summary>The user-defined protocol <c>Print</c> (no address): letters go to the library's print queue.</summary>
public sealed class SamplePrintChannel(SampleOutbox outbox, TimeProvider clock) : INotificationChannel
{
    /// <inheritdoc />
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        outbox.Add(new OutboxEntry(message.Id, clock.GetUtcNow(), "Brev / Letter", "(print queue)", message.Subject, message.Body, "queued for printing"));
        return Task.FromResult(DeliveryResult.Delivered());
    }
}

/// <summary>A Digital Post transport that records the MeMo header instead of calling NgDP; a CPR number is shown masked.</summary>
public sealed class SampleDigitalPostTransport(SampleOutbox outbox, TimeProvider clock) : IDigitalPostTransport
{
    private static readonly XNamespace MeMo = "https://DigitalPost.dk/MeMo-1";

    /// <inheritdoc />
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(DigitalPostLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var header = letter.MeMo.Root!.Element(MeMo + "MessageHeader")!;
        var label = header.Element(MeMo + "label")?.Value;
        var sender = header.Element(MeMo + "Sender")?.Element(MeMo + "senderID")?.Value;
        var recipient = header.Element(MeMo + "Recipient")!;
        var idType = recipient.Element(MeMo + "idType")?.Value ?? "";
        var id = recipient.Element(MeMo + "recipientID")?.Value ?? "";
        var shown = idType == "CPR" && Cpr.TryParse(id, out var cpr) ? cpr.Masked : id;
        var body = $"MeMo messageUUID {letter.MessageUuid}\nsenderID (CVR) {sender}\nidType {idType}, recipientID {shown}\nlabel {label}";
        outbox.Add(new OutboxEntry(letter.MessageId, clock.GetUtcNow(), "Digital Post", $"{idType} {shown}", label, body, "handed to the transport"));
        return Task.FromResult(DeliveryResult.Delivered(providerMessageId: letter.MessageUuid.ToString()));
    }
}
