using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Cicero.Notifications.Domain;

/// <summary>
/// A protocol (Danish: <em>protokol</em> or <em>notifikationskanal</em>): the channel a message goes out on.
/// The built-ins are <see cref="Sms"/>, <see cref="Email"/> and <see cref="DigitalPost"/>; a library can
/// define its own (for example <c>Print</c> or <c>App</c>) in <see cref="CiceroNotificationsOptions.UserDefinedProtocols"/>.
/// </summary>
/// <remarks>
/// Names are case-insensitive: <c>sms</c>, <c>SMS</c> and <c>Sms</c> are the same protocol, and parsing a
/// built-in name returns the built-in instance. A name is 1–40 characters: letters, digits, <c>-</c> and
/// <c>_</c>, starting with a letter. Instances are immutable and thread-safe.
/// </remarks>
[TypeConverter(typeof(ProtocolTypeConverter))]
public sealed class Protocol : IEquatable<Protocol>
{
    private Protocol(string name) => Name = name;

    /// <summary>Gets the SMS protocol: chosen by a borrower with a phone number of purpose Notification.</summary>
    public static Protocol Sms { get; } = new("Sms");

    /// <summary>Gets the e-mail protocol: chosen by a borrower with an e-mail address of purpose Notification.</summary>
    public static Protocol Email { get; } = new("Email");

    /// <summary>Gets the Digital Post protocol: an opt-in that requires a CPR or CVR number.</summary>
    public static Protocol DigitalPost { get; } = new("DigitalPost");

    /// <summary>Gets the protocols that ship with the library.</summary>
    public static IReadOnlyList<Protocol> BuiltIn { get; } = [Sms, Email, DigitalPost];

    /// <summary>Gets the protocol's name as it was defined (for built-ins: <c>Sms</c>, <c>Email</c>, <c>DigitalPost</c>).</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether this is one of the built-in protocols.</summary>
    public bool IsBuiltIn => ReferenceEquals(this, Sms) || ReferenceEquals(this, Email) || ReferenceEquals(this, DigitalPost);

    /// <summary>Parses a protocol name.</summary>
    /// <param name="name">The name, for example <c>Sms</c> or <c>Print</c>.</param>
    /// <returns>The protocol; the built-in instance when the name is a built-in one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The name is empty, too long or has characters other than letters, digits, '-' and '_'.</exception>
    public static Protocol Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out var protocol)
            ? protocol
            : throw new FormatException($"'{name}' is not a valid protocol name: use 1–40 letters, digits, '-' or '_', starting with a letter.");
    }

    /// <summary>Tries to parse a protocol name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="protocol">The protocol when the name is valid.</param>
    /// <returns><see langword="true"/> when the name is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? name, [NotNullWhen(true)] out Protocol? protocol)
    {
        protocol = Names.TryParse(name, BuiltIn, static p => p.Name, static n => new Protocol(n));
        return protocol is not null;
    }

    /// <inheritdoc/>
    public bool Equals(Protocol? other) => ReferenceEquals(this, other) || (other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Protocol);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <summary>Returns the protocol's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>Compares two protocols by name, ignoring case.</summary>
    /// <param name="left">The first protocol.</param>
    /// <param name="right">The second protocol.</param>
    /// <returns><see langword="true"/> when both are the same protocol.</returns>
    public static bool operator ==(Protocol? left, Protocol? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two protocols by name, ignoring case.</summary>
    /// <param name="left">The first protocol.</param>
    /// <param name="right">The second protocol.</param>
    /// <returns><see langword="true"/> when the protocols differ.</returns>
    public static bool operator !=(Protocol? left, Protocol? right) => !(left == right);
}
