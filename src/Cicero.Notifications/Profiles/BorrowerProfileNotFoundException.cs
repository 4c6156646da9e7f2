namespace Cicero.Notifications;

/// <summary>The borrower has no profile: create it with <see cref="IBorrowerProfiles.CreateAsync"/> first. The message holds no personal data.</summary>
public sealed class BorrowerProfileNotFoundException : CiceroNotificationsException
{
    private const string DefaultMessage = "The borrower has no profile: create it first.";

    /// <summary>Initializes a new instance of the <see cref="BorrowerProfileNotFoundException"/> class with the default message.</summary>
    public BorrowerProfileNotFoundException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BorrowerProfileNotFoundException"/> class.</summary>
    /// <param name="message">The message; no personal data.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BorrowerProfileNotFoundException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
