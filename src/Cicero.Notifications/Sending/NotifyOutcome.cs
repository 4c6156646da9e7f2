namespace Cicero.Notifications;

/// <summary>What became of one notification of <see cref="INotifier.NotifyManyAsync"/>.</summary>
public enum NotifyOutcome
{
    /// <summary>Its messages were created and stored.</summary>
    Created = 0,

    /// <summary>Its idempotency key was used before: nothing was created, and the messages are those created then.</summary>
    Duplicate = 1,

    /// <summary>Refused: the borrower has no profile.</summary>
    UnknownBorrower = 2,

    /// <summary>Refused: the notification type is not set up.</summary>
    UnknownType = 3,

    /// <summary>Refused: the template data, idempotency key or culture breaks a rule (the reason names which, never the value).</summary>
    InvalidData = 4,

    /// <summary>
    /// Its type gathers notifications into digests and an open digest for the borrower took it in: the messages are the
    /// digest's, rendered again with this notification's data as the last of its <c>items</c>; nothing new was created.
    /// </summary>
    AddedToDigest = 5,
}
