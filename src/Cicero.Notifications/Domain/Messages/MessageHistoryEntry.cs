namespace Cicero.Notifications.Domain;

/// <summary>One entry in a message's history: what happened, the status before and after, when, who and why.</summary>
/// <param name="Event">What happened.</param>
/// <param name="From">The status before.</param>
/// <param name="To">The status after (the same as <paramref name="From"/> for events that do not change it).</param>
/// <param name="At">When it happened.</param>
/// <param name="Actor"><see cref="SystemActor"/> for automatic processing, else the acting staff member's id.</param>
/// <param name="Reason">Why, in words; never personal data (no addresses, CPR numbers or message content).</param>
public sealed record MessageHistoryEntry(
    MessageEvent Event,
    MessageStatus From,
    MessageStatus To,
    DateTimeOffset At,
    string Actor,
    string? Reason)
{
    /// <summary>The actor recorded for automatic processing.</summary>
    public const string SystemActor = "system";
}
