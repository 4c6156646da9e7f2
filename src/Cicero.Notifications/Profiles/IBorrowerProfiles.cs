using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// The borrower detail page: read a borrower's profile and change its contact points, CPR or CVR, opt-in protocols and
/// preferred language. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Inputs are the strings staff or the borrower typed. An invalid value throws <see cref="FormatException"/> (the message
/// never repeats the input) and changes nothing; so does a change the rules forbid (<see cref="InvalidOperationException"/>
/// or <see cref="ArgumentException"/>). A profile changed by someone else between reading and saving throws
/// <see cref="BorrowerProfileConflictException"/>, changing nothing; an unknown borrower throws
/// <see cref="BorrowerProfileNotFoundException"/>.</para>
/// <para>Adding a manual notification e-mail address sends it a verification message; imported and migrated
/// addresses are verified on arrival. Removing an unverified address moves the messages held for it to the
/// type's alternative protocol, or makes them MissingContactInfo.</para>
/// </remarks>
public interface IBorrowerProfiles
{
    /// <summary>Gets a borrower's profile.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The profile, or <see langword="null"/> when the borrower has none.</returns>
    Task<BorrowerProfileView?> GetAsync(BorrowerId borrowerId, CancellationToken cancellationToken = default);

    /// <summary>Creates an empty profile.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The new profile.</returns>
    /// <exception cref="BorrowerProfileConflictException">The borrower already has a profile.</exception>
    Task<BorrowerProfileView> CreateAsync(BorrowerId borrowerId, CancellationToken cancellationToken = default);

    /// <summary>Adds a phone number.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="phone">The number as typed (<c>20 12 34 56</c>, <c>+45 …</c>, <c>+299 …</c>).</param>
    /// <param name="purpose">What it is for.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="FormatException">Not a valid phone number.</exception>
    /// <exception cref="InvalidOperationException">The borrower already has the number.</exception>
    Task<BorrowerProfileView> AddPhoneAsync(BorrowerId borrowerId, string phone, ContactPurpose purpose, ContactSource source, CancellationToken cancellationToken = default);

    /// <summary>Removes a phone number.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="phone">The number, as typed or normalized.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="FormatException">Not a valid phone number.</exception>
    /// <exception cref="InvalidOperationException">The borrower has no such number.</exception>
    Task<BorrowerProfileView> RemovePhoneAsync(BorrowerId borrowerId, string phone, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an e-mail address. A manually added notification address starts unverified: it gets a verification message with
    /// a link (the one message an unverified address receives), and is deleted by the nightly jobs unless verified within
    /// <see cref="CiceroNotificationsOptions.EmailVerificationWindow"/>. Imported and migrated addresses are verified on arrival.
    /// </summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="email">The address as typed.</param>
    /// <param name="purpose">What it is for.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile and the verification message, if one was sent.</returns>
    /// <exception cref="FormatException">Not one valid e-mail address.</exception>
    /// <exception cref="InvalidOperationException">The borrower already has the address, or <see cref="VerificationOptions.BaseUrl"/> is not set.</exception>
    Task<EmailAddedResult> AddEmailAsync(BorrowerId borrowerId, string email, ContactPurpose purpose, ContactSource source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes an e-mail address. Messages held for it (it was unverified) move to the type's alternative protocol or become
    /// MissingContactInfo, with the removal in their history; nothing is dropped.
    /// </summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="FormatException">Not one valid e-mail address.</exception>
    /// <exception cref="InvalidOperationException">The borrower has no such address.</exception>
    Task<BorrowerProfileView> RemoveEmailAsync(BorrowerId borrowerId, string email, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the verification message of an unverified address again (staff): a new token, the old one stops working, and the
    /// verification window starts over.
    /// </summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile and the new verification message.</returns>
    /// <exception cref="FormatException">Not one valid e-mail address.</exception>
    /// <exception cref="InvalidOperationException">The borrower has no such address, or it is not a notification address awaiting verification.</exception>
    Task<EmailAddedResult> ResendVerificationAsync(BorrowerId borrowerId, string email, CancellationToken cancellationToken = default);

    /// <summary>Sets the CPR number (a person). The birth date may not be after today in the library's time zone.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="cpr">The number as typed (<c>DDMMYY-SSSS</c>).</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="FormatException">Not a valid CPR number.</exception>
    /// <exception cref="InvalidOperationException">The borrower has a CVR number.</exception>
    Task<BorrowerProfileView> SetCprAsync(BorrowerId borrowerId, string cpr, CancellationToken cancellationToken = default);

    /// <summary>Sets the CVR number (a company).</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="cvr">The number as typed (<c>13585628</c>, <c>DK 13 58 56 28</c>).</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="FormatException">Not a valid CVR number.</exception>
    /// <exception cref="InvalidOperationException">The borrower has a CPR number.</exception>
    Task<BorrowerProfileView> SetCvrAsync(BorrowerId borrowerId, string cvr, CancellationToken cancellationToken = default);

    /// <summary>Removes the CPR or CVR number. Digital Post needs one, so it is switched off with it; the result says so.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile and whether Digital Post was switched off.</returns>
    Task<IdentifierRemovedResult> RemoveIdentifierAsync(BorrowerId borrowerId, CancellationToken cancellationToken = default);

    /// <summary>Switches a protocol on: Digital Post (needs a CPR or CVR number) or a user-defined protocol.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="protocol">The protocol's name, for example <c>DigitalPost</c> or <c>App</c>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile (unchanged when already on).</returns>
    /// <exception cref="FormatException">Not a valid protocol name.</exception>
    /// <exception cref="ArgumentException">The protocol is not known to the library, or is SMS or e-mail (chosen by a notification phone or e-mail, not switched on).</exception>
    /// <exception cref="InvalidOperationException">Digital Post without a CPR or CVR number.</exception>
    Task<BorrowerProfileView> OptInAsync(BorrowerId borrowerId, string protocol, CancellationToken cancellationToken = default);

    /// <summary>Switches a protocol off.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="protocol">The protocol's name.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile (unchanged when already off).</returns>
    /// <exception cref="FormatException">Not a valid protocol name.</exception>
    /// <exception cref="ArgumentException">The protocol is not known to the library.</exception>
    Task<BorrowerProfileView> OptOutAsync(BorrowerId borrowerId, string protocol, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears the preferred language; messages are rendered in it.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="culture">A culture name such as <c>da-DK</c> or <c>en</c>; <see langword="null"/> or empty for the library's default.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="FormatException">Not a known culture name.</exception>
    Task<BorrowerProfileView> SetPreferredCultureAsync(BorrowerId borrowerId, string? culture, CancellationToken cancellationToken = default);
}
