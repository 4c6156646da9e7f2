using System.Text;
using System.Xml;
using System.Xml.Linq;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.DigitalPost;

/// <summary>One Digital Post letter: a MeMo 1.1 message (namespace <c>https://DigitalPost.dk/MeMo-1</c>) built from one message.</summary>
/// <remarks>The document holds the recipient's CPR or CVR number and the message body: personal data. <see cref="ToString"/> leaves them out.</remarks>
public sealed class DigitalPostLetter
{
    internal DigitalPostLetter(MessageId messageId, Guid messageUuid, RecipientKind recipientKind, XDocument memo)
    {
        MessageId = messageId;
        MessageUuid = messageUuid;
        RecipientKind = recipientKind;
        MeMo = memo;
    }

    /// <summary>Gets the id of the message the letter carries.</summary>
    public MessageId MessageId { get; }

    /// <summary>
    /// Gets the MeMo <c>messageUUID</c>: the message id with its version digit set to 4, because MeMo's schema accepts only
    /// version-4 UUIDs (message ids are time-ordered version 7). The same message always gives the same UUID.
    /// </summary>
    public Guid MessageUuid { get; }

    /// <summary>Gets how the recipient is identified: <see cref="RecipientKind.Cpr"/> (a person) or <see cref="RecipientKind.Cvr"/> (a company).</summary>
    public RecipientKind RecipientKind { get; }

    /// <summary>Gets the MeMo message (root element <c>memo:Message</c>, <c>memoVersion</c> 1.1).</summary>
    public XDocument MeMo { get; }

    /// <summary>Returns the MeMo message as UTF-8 XML with its declaration, ready to send.</summary>
    /// <returns>The XML.</returns>
    public byte[] ToUtf8Xml()
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = false }))
        {
            MeMo.Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Returns the message id and how the recipient is identified; never the identifier or content.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"DigitalPostLetter {MessageId} (recipient by {RecipientKind})";
}
