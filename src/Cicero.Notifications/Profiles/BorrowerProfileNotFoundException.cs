namespace Cicero.Notifications;

/// <summary>The borrower has no profile: create it with <see cref="IBorrowerProfiles.CreateAsync"/> first. The message holds no personal data.</summary>
public sealed class BorrowerProfileNotFoundException : KeyNotFoundException
{
    private const string DefaultMessage = "The borrower has no profile: create it first.";

    /// <summary>Initializes a new instance of the <see cref="BorrowerProfileNotFoundException"/> class.</summary>
    public BorrowerProfileNotFoundException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BorrowerProfileNotFoundException"/> class.</summary>
    /// <param name="message">The message; no personal data.</param>
    public BorrowerProfileNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BorrowerProfileNotFoundException"/> class.</summary>
    /// <param name="message">The message; no personal data.</param>
    /// <param name="innerException">The cause.</param>
    public BorrowerProfileNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
