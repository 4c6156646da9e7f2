namespace Cicero.Notifications.Domain;

/// <summary>
/// The address a message goes to, as it was when the message was created (a snapshot: later changes to the
/// borrower's profile do not change it). Personal data: anonymization removes it.
/// </summary>
/// <remarks><see cref="ToString"/> and <see cref="Display"/> mask CPR numbers (<c>DDMMYY-xxxx</c>).</remarks>
public sealed class MessageRecipient : IEquatable<MessageRecipient>
{
    private MessageRecipient(RecipientKind kind, string value, string display)
    {
        Kind = kind;
        Value = value;
        Display = display;
    }

    /// <summary>Gets what the address is.</summary>
    public RecipientKind Kind { get; }

    /// <summary>Gets the address in its normalized form (E.164 phone, e-mail as typed, CPR or CVR digits). Personal data.</summary>
    public string Value { get; }

    /// <summary>Gets the address for display to staff: as <see cref="Value"/>, except CPR numbers are masked.</summary>
    public string Display { get; }

    /// <summary>Creates a phone recipient.</summary>
    /// <param name="phone">The phone number.</param>
    /// <returns>The recipient.</returns>
    public static MessageRecipient Phone(PhoneNumber phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return new(RecipientKind.Phone, phone.Value, phone.Value);
    }

    /// <summary>Creates an e-mail recipient.</summary>
    /// <param name="email">The e-mail address.</param>
    /// <returns>The recipient.</returns>
    public static MessageRecipient Email(EmailAddress email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return new(RecipientKind.Email, email.Value, email.Value);
    }

    /// <summary>Creates a Digital Post recipient identified by CPR.</summary>
    /// <param name="cpr">The CPR number.</param>
    /// <returns>The recipient.</returns>
    public static MessageRecipient Person(Cpr cpr)
    {
        ArgumentNullException.ThrowIfNull(cpr);
        return new(RecipientKind.Cpr, cpr.Value, cpr.Masked);
    }

    /// <summary>Creates a Digital Post recipient identified by CVR.</summary>
    /// <param name="cvr">The CVR number.</param>
    /// <returns>The recipient.</returns>
    public static MessageRecipient Company(Cvr cvr)
    {
        ArgumentNullException.ThrowIfNull(cvr);
        return new(RecipientKind.Cvr, cvr.Value, cvr.Value);
    }

    /// <summary>Recreates a recipient from its stored kind and value, validating the value again.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The stored value.</param>
    /// <returns>The recipient.</returns>
    /// <exception cref="FormatException">The value is not valid for the kind.</exception>
    public static MessageRecipient Restore(RecipientKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return kind switch
        {
            RecipientKind.Phone => Phone(PhoneNumber.Parse(value)),
            RecipientKind.Email => Email(EmailAddress.Parse(value)),
            RecipientKind.Cpr => Person(Cpr.Parse(value)),
            RecipientKind.Cvr => Company(Cvr.Parse(value)),
            _ => throw new FormatException($"Unknown recipient kind {(int)kind}."),
        };
    }

    /// <inheritdoc/>
    public bool Equals(MessageRecipient? other)
        => other is not null && Kind == other.Kind && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MessageRecipient);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.OrdinalIgnoreCase.GetHashCode(Value));

    /// <summary>Returns <see cref="Display"/>: never a full CPR number.</summary>
    /// <returns>The display form.</returns>
    public override string ToString() => Display;
}
