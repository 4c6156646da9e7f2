namespace Cicero.Notifications;

/// <summary>What <see cref="INotifier.CancelAsync"/> did: one entry per message the notification created.</summary>
/// <param name="Messages">The notification's messages and what happened to each; empty when the key is unknown or forgotten.</param>
public sealed record CancelResult(IReadOnlyList<MessageCancellation> Messages)
{
    /// <summary>Gets a value indicating whether a notification with the key was found.</summary>
    public bool Found => Messages.Count > 0;

    /// <summary>Gets the number of messages this call cancelled.</summary>
    public int Cancelled => Messages.Count(m => m.Outcome == CancelOutcome.Cancelled);

    /// <summary>Gets the number of digest messages this call removed the notification from (<see cref="CancelOutcome.RemovedFromDigest"/>).</summary>
    public int RemovedFromDigest => Messages.Count(m => m.Outcome == CancelOutcome.RemovedFromDigest);
}
