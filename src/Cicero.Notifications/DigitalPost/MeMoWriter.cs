using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Cicero.Notifications.DigitalPost;

/// <summary>
/// Writes a MeMo 1.1 message with one text file as main document, in the element order of the MeMo schema and the public
/// minimal example: <c>MessageHeader</c> (messageType, messageUUID, label, mandatory, legalNotification, Sender, Recipient)
/// and <c>MessageBody</c> (createdDateTime, MainDocument/File: encodingFormat, filename, language, content).
/// </summary>
internal static class MeMoWriter
{
    /// <summary>The MeMo namespace.</summary>
    public static readonly XNamespace Namespace = "https://DigitalPost.dk/MeMo-1";

    /// <summary>The longest label, id or file name MeMo accepts.</summary>
    public const int MaxLength = 256;

    public static XDocument Write(MeMoContent content)
    {
        var m = Namespace;
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                m + "Message",
                new XAttribute(XNamespace.Xmlns + "memo", Namespace.NamespaceName),
                new XAttribute("memoVersion", "1.1"),
                new XAttribute("memoSchVersion", "1.1.0"),
                new XElement(
                    m + "MessageHeader",
                    new XElement(m + "messageType", "DIGITALPOST"),
                    new XElement(m + "messageUUID", content.MessageUuid.ToString("D", CultureInfo.InvariantCulture)),
                    new XElement(m + "label", Truncate(content.Label)),
                    new XElement(m + "mandatory", "false"),
                    new XElement(m + "legalNotification", "false"),
                    new XElement(
                        m + "Sender",
                        new XElement(m + "senderID", content.SenderCvr),
                        new XElement(m + "idType", "CVR"),
                        new XElement(m + "label", Truncate(content.SenderLabel))),
                    new XElement(
                        m + "Recipient",
                        new XElement(m + "recipientID", content.RecipientId),
                        new XElement(m + "idType", content.RecipientIdType))),
                new XElement(
                    m + "MessageBody",
                    new XElement(m + "createdDateTime", content.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                    new XElement(
                        m + "MainDocument",
                        new XElement(
                            m + "File",
                            new XElement(m + "encodingFormat", "text/plain"),
                            new XElement(m + "filename", content.FileName),
                            new XElement(m + "language", content.Language),
                            new XElement(m + "content", Convert.ToBase64String(Encoding.UTF8.GetBytes(content.Body))))))));
    }

    /// <summary>MeMo accepts only version-4 UUIDs: the message id with its version digit set to 4 (stable, and one-to-one for version-7 ids).</summary>
    public static Guid MessageUuid(Guid messageId)
    {
        var text = messageId.ToString("D", CultureInfo.InvariantCulture).ToCharArray();
        text[14] = '4';
        return Guid.ParseExact(text, "D");
    }

    private static string Truncate(string value)
    {
        if (value.Length <= MaxLength)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return value[..cut];
    }
}
