namespace Cicero.Notifications.Domain;

/// <summary>
/// The pure decisions of digests: when a new digest is due, and whether a notification that arrives can join an open one.
/// </summary>
internal static class DigestPlanner
{
    /// <summary>The most notifications one digest gathers; the next starts a digest of its own.</summary>
    public const int MaxItems = 50;

    /// <summary>When a digest started now is due: at the end of its window, or at the notification's own earliest time when that is later.</summary>
    /// <param name="now">Now: the first notification's arrival.</param>
    /// <param name="window">The type's digest window.</param>
    /// <param name="notBefore">The notification's earliest time to send, if any.</param>
    /// <returns>The due time.</returns>
    public static DateTimeOffset DueAt(DateTimeOffset now, TimeSpan window, DateTimeOffset? notBefore)
        // ">=" is an equivalent mutant: when the two times are equal, either is the answer.
        => notBefore is { } earliest && earliest > now + window ? earliest : now + window;

    /// <summary>
    /// Whether a notification arriving at <paramref name="now"/> can join the digest whose messages are
    /// <paramref name="digest"/>: every message is still an open digest (<see cref="Message.IsOpenDigest"/>), the digest has
    /// room, it does not go before the notification's earliest time, and it goes at most one window after that.
    /// </summary>
    /// <param name="digest">Every message of the digest's notification.</param>
    /// <param name="now">Now.</param>
    /// <param name="window">The type's digest window.</param>
    /// <param name="notBefore">The arriving notification's earliest time to send, if any.</param>
    /// <returns><see langword="true"/> when it can join.</returns>
    public static bool CanJoin(IReadOnlyList<Message> digest, DateTimeOffset now, TimeSpan window, DateTimeOffset? notBefore)
    {
        var earliest = notBefore is { } nb && nb > now ? nb : now; // ">=" is an equivalent mutant, as in DueAt.
        if (digest.Count == 0 || digest[0].DigestItems.Length >= MaxItems)
        {
            return false;
        }

        foreach (var message in digest)
        {
            if (!message.IsOpenDigest(now, window) || message.NextAttemptAt < earliest || message.NextAttemptAt > earliest + window)
            {
                return false;
            }
        }

        return true;
    }
}
