using System.Text;
using Cicero.Notifications.Domain;
using MimeKit;
using MimeKit.Text;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// Builds the MIME message for one <see cref="OutgoingMessage"/>: UTF-8 headers and parts, a text part, and
/// <c>multipart/alternative</c> with an HTML part when the template rendered HTML; <c>Message-Id</c> from the message id,
/// <c>Auto-Submitted: auto-generated</c>, and addresses with IDN domains in punycode.
/// </summary>
internal sealed class MimeMessageFactory
{
    private readonly MailboxAddress _from;
    private readonly MailboxAddress? _replyTo;
    private readonly string _messageIdDomain;
    private readonly TimeProvider _time;

    public MimeMessageFactory(SmtpEmailOptions options, TimeProvider time)
    {
        _from = new MailboxAddress(Encoding.UTF8, options.SenderName, EmailAddress.Parse(options.SenderAddress).AsciiValue);
        _replyTo = options.ReplyTo is { } replyTo ? new MailboxAddress(Encoding.UTF8, options.SenderName, EmailAddress.Parse(replyTo).AsciiValue) : null;
        _messageIdDomain = options.MessageIdDomain;
        _time = time;
    }

    /// <summary>The <c>Message-Id</c> of a message (without angle brackets): the same on every attempt.</summary>
    public string MessageIdOf(MessageId id) => $"{id}@{_messageIdDomain}";

    public MimeMessage Create(OutgoingMessage message, EmailAddress recipient)
    {
        var mime = new MimeMessage();
        mime.From.Add(_from);
        if (_replyTo is not null)
        {
            mime.ReplyTo.Add(_replyTo);
        }

        mime.To.Add(new MailboxAddress(Encoding.UTF8, string.Empty, recipient.AsciiValue));
        mime.Headers.Replace(HeaderId.Subject, Encoding.UTF8, message.Subject ?? string.Empty);
        mime.MessageId = MessageIdOf(message.Id);
        mime.Date = _time.GetUtcNow();
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (!string.IsNullOrWhiteSpace(message.Culture))
        {
            mime.Headers.Add(HeaderId.ContentLanguage, message.Culture);
        }

        var text = new TextPart(TextFormat.Plain);
        text.SetText(Encoding.UTF8, message.Body);
        if (message.HtmlBody is { } html)
        {
            var htmlPart = new TextPart(TextFormat.Html);
            htmlPart.SetText(Encoding.UTF8, html);
            mime.Body = new MultipartAlternative { text, htmlPart };
        }
        else
        {
            mime.Body = text;
        }

        return mime;
    }
}
