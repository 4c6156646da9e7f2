using Cicero.Notifications.Domain;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.AspNetCore.Receipts;

/// <summary>The receipt endpoint's log messages: protocols and counts only, never the body, secrets or signatures.</summary>
internal static partial class ReceiptEndpointLog
{
    [LoggerMessage(EventId = 480, EventName = "ReceiptRequestRefused", Level = LogLevel.Warning,
        Message = "A delivery report for {Protocol} was refused: the request has no valid {Missing}")]
    public static partial void Refused(ILogger logger, Protocol protocol, string missing);

    [LoggerMessage(EventId = 481, EventName = "ReceiptEntriesIgnored", Level = LogLevel.Information,
        Message = "{Ignored} of {Count} delivery report entries for {Protocol} were ignored: no provider message id, or a status the endpoint does not map")]
    public static partial void Ignored(ILogger logger, int ignored, int count, Protocol protocol);
}
