using System.Xml.Linq;
using Cicero.Notifications.DigitalPost;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Web.Sample;

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
