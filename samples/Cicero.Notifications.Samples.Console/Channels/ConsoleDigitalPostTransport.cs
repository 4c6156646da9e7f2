using System.Xml.Linq;
using Cicero.Notifications.DigitalPost;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Console.Channels;

/// <summary>
/// A Digital Post transport that prints the MeMo header of each letter instead of handing it to NgDP or e-Boks. A CPR
/// number is printed masked (DDMMYY-xxxx): the full number belongs inside the letter only.
/// </summary>
internal sealed class ConsoleDigitalPostTransport(ChannelLog log) : IDigitalPostTransport
{
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    private static readonly XNamespace MeMo = "https://DigitalPost.dk/MeMo-1";

    public Task<DeliveryResult> SendAsync(DigitalPostLetter letter, CancellationToken cancellationToken)
    {
        var header = letter.MeMo.Root!.Element(MeMo + "MessageHeader")!;
        var label = header.Element(MeMo + "label")?.Value;
        var sender = header.Element(MeMo + "Sender")?.Element(MeMo + "senderID")?.Value;
        var recipient = header.Element(MeMo + "Recipient")!;
        var idType = recipient.Element(MeMo + "idType")?.Value ?? "";
        var id = recipient.Element(MeMo + "recipientID")?.Value ?? "";
        var shown = idType == "CPR" && Cpr.TryParse(id, out var cpr) ? cpr.Masked : id;

        log.Record(letter.MessageId, "Digital Post", $"idType {idType}: {shown}", $"MeMo messageUUID {letter.MessageUuid}, sender CVR {sender}, label \"{label}\"");
        return Task.FromResult(DeliveryResult.Delivered(providerMessageId: letter.MessageUuid.ToString()));
    }
}
