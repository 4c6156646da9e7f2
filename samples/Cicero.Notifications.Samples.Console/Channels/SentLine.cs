using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Console.Channels;

/// <summary>One message a sample channel handled: which message, on what, to whom, and what it said.</summary>
internal sealed record SentLine(MessageId MessageId, string Protocol, string To, string What);
