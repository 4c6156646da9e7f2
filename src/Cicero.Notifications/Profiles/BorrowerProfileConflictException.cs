namespace Cicero.Notifications;

/// <summary>
/// The borrower's profile changed (someone else saved it) between reading and saving it. Nothing was changed: read the
/// profile again and repeat the change. The message holds no personal data.
/// </summary>
public sealed class BorrowerProfileConflictException : CiceroNotificationsException
{
    private const string DefaultMessage = "The borrower's profile was changed by someone else in the meantime; nothing was changed. Read the profile again and repeat the change.";

    /// <summary>Initializes a new instance of the <see cref="BorrowerProfileConflictException"/> class with the default message.</summary>
    public BorrowerProfileConflictException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BorrowerProfileConflictException"/> class.</summary>
    /// <param name="message">The message; no personal data.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BorrowerProfileConflictException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
