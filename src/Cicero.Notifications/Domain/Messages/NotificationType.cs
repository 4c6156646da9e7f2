using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Cicero.Notifications.Domain;

/// <summary>
/// A notification type (Danish: <em>beskedtype</em>): the kind of notice, such as "Velkomst til låner".
/// The server setup says, per type, which protocols it goes out on.
/// </summary>
/// <remarks>
/// Names are case-insensitive and follow the same rule as <see cref="Protocol"/> names. Besides the
/// built-ins a host may use its own types (for example <c>BalanceStatement</c>) by configuring them in
/// <see cref="CiceroNotificationsOptions.Types"/>. Instances are immutable and thread-safe.
/// </remarks>
[TypeConverter(typeof(NotificationTypeConverter))]
public sealed class NotificationType : IEquatable<NotificationType>
{
    private NotificationType(string name) => Name = name;

    /// <summary>Gets the welcome message to a new borrower ("Velkomst til låner").</summary>
    public static NotificationType WelcomeBorrower { get; } = new("WelcomeBorrower");

    /// <summary>Gets the notice that a reservation is ready for pickup ("Reservering klar til afhentning").</summary>
    public static NotificationType ReservationReady { get; } = new("ReservationReady");

    /// <summary>Gets the reminder before the due date ("Påmindelse om afleveringsdato").</summary>
    public static NotificationType DueDateReminder { get; } = new("DueDateReminder");

    /// <summary>Gets the notice that the due date has passed ("Rykker for overskredet afleveringsdato").</summary>
    public static NotificationType OverdueNotice { get; } = new("OverdueNotice");

    /// <summary>Gets the e-mail verification message: the one message an unverified e-mail address receives.</summary>
    public static NotificationType EmailVerification { get; } = new("EmailVerification");

    /// <summary>Gets the types that ship with the library.</summary>
    public static IReadOnlyList<NotificationType> BuiltIn { get; } =
        [WelcomeBorrower, ReservationReady, DueDateReminder, OverdueNotice, EmailVerification];

    /// <summary>Gets the type's name.</summary>
    public string Name { get; }

    /// <summary>Parses a notification type name.</summary>
    /// <param name="name">The name, for example <c>ReservationReady</c>.</param>
    /// <returns>The type; the built-in instance when the name is a built-in one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The name is empty, too long or has characters other than letters, digits, '-' and '_'.</exception>
    public static NotificationType Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out var type)
            ? type
            : throw new FormatException($"'{name}' is not a valid notification type name: use 1–40 letters, digits, '-' or '_', starting with a letter.");
    }

    /// <summary>Tries to parse a notification type name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="type">The type when the name is valid.</param>
    /// <returns><see langword="true"/> when the name is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? name, [NotNullWhen(true)] out NotificationType? type)
    {
        type = Names.TryParse(name, BuiltIn, static t => t.Name, static n => new NotificationType(n));
        return type is not null;
    }

    /// <inheritdoc/>
    public bool Equals(NotificationType? other) => ReferenceEquals(this, other) || (other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NotificationType);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <summary>Returns the type's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>Compares two types by name, ignoring case.</summary>
    /// <param name="left">The first type.</param>
    /// <param name="right">The second type.</param>
    /// <returns><see langword="true"/> when both are the same type.</returns>
    public static bool operator ==(NotificationType? left, NotificationType? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two types by name, ignoring case.</summary>
    /// <param name="left">The first type.</param>
    /// <param name="right">The second type.</param>
    /// <returns><see langword="true"/> when the types differ.</returns>
    public static bool operator !=(NotificationType? left, NotificationType? right) => !(left == right);
}
