namespace Cicero.Notifications;

/// <summary>
/// The base of the library's own refusals and conflicts, so a host can catch them in one place: a staff action that was
/// refused (<see cref="MessageActionException"/>, and <see cref="MessageConflictException"/> when it lost a race), a
/// borrower profile changed by someone else (<see cref="BorrowerProfileConflictException"/>) or missing
/// (<see cref="BorrowerProfileNotFoundException"/>). Nothing was changed when one is thrown.
/// </summary>
/// <remarks>
/// <para>Other failures keep the .NET conventions: bad input is an <see cref="ArgumentException"/> or a
/// <see cref="FormatException"/> naming the problem (an invalid e-mail, phone, CPR or CVR number, an unknown protocol or
/// type), and a step the domain forbids is an <see cref="InvalidOperationException"/> (for example an illegal status change
/// or an address the borrower already has).</para>
/// <para>Messages never hold personal data: no address, CPR number or message content.</para>
/// </remarks>
public abstract class CiceroNotificationsException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CiceroNotificationsException"/> class.</summary>
    /// <param name="message">What was refused and why, without personal data.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected CiceroNotificationsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
