using Cicero.Notifications.Configuration;
using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scriban.Syntax;

namespace Cicero.Notifications.Staff;

/// <summary>Prints one message with the print layouts, in the library's time zone. Never writes to the store.</summary>
internal sealed class MessagePrinter(
    ServerSetup setup,
    PrintLayouts layouts,
    StaffView view,
    IMessageStore store,
    TimeProvider time,
    ILogger<MessagePrinter>? logger = null) : IMessagePrinter
{
    private readonly ILogger _logger = logger ?? NullLogger<MessagePrinter>.Instance;
    private readonly TimeZoneInfo _zone = LibraryTimeZone.Find(setup.Options.TimeZone);

    public async Task<PrintedMessage?> PrintAsync(MessageId messageId, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        var message = await store.GetAsync(messageId, cancellationToken).ConfigureAwait(false);
        return message is null ? null : Print(message, culture);
    }

    public PrintedMessage Print(Message message, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var printCulture = culture ?? CultureOf(message);
        var printedAt = time.GetUtcNow();

        // One model per form: whatever a layout does to its variables stays in its own render.
        var html = Render(PrintFormat.Html, printCulture, message, printedAt);
        var text = Render(PrintFormat.Text, printCulture, message, printedAt);
        StaffLog.Printed(_logger, message.Id, message.Type, message.Protocol, printCulture.Name);
        return new PrintedMessage(message.Id, printCulture.Name, html, text);
    }

    private CultureInfo CultureOf(Message message)
    {
        try
        {
            return CultureInfo.GetCultureInfo(message.Culture, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo(setup.Options.DefaultCulture);
        }
    }

    private string Render(PrintFormat format, CultureInfo culture, Message message, DateTimeOffset printedAt)
    {
        var layout = layouts.Find(format, culture);
        var model = PrintModel.Build(message, culture, _zone, printedAt, view, setup.Options.LibraryName);
        try
        {
            return PrintTemplateContext.Render(layout.Template, format, model, culture);
        }
        catch (ScriptRuntimeException ex)
        {
            // Scriban's message may quote a value (message content): keep only the position.
            var position = ex.Span.ToStringSimple();
            StaffLog.PrintTemplateFailed(_logger, format.ToString(), culture.Name, message.Id, ex.GetType().Name, position);
            throw new InvalidOperationException($"The print layout {layout.Name} failed on message {message.Id} at {position}. Start the host to have the layout checked with sample data.");
        }
    }
}
