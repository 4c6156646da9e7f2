using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cicero.Notifications.Domain;

/// <summary>
/// Identifies one message. It is also the stable idempotency key a channel hands to its provider, so a
/// message sent twice after a crash can be recognised as the same message.
/// </summary>
/// <remarks>
/// A version 7 (time-ordered) GUID created from the message's creation time, so ids sort roughly by
/// creation and index well in SQL stores. <c>default(MessageId)</c> is not a valid id; use <see cref="New"/>
/// or <see cref="Parse"/>.
/// </remarks>
public readonly record struct MessageId
{
    private MessageId(Guid value) => Value = value;

    /// <summary>Gets the id as a GUID.</summary>
    public Guid Value { get; }

    /// <summary>Creates a new, time-ordered message id.</summary>
    /// <param name="createdAt">The message's creation time, from the library's <see cref="TimeProvider"/>.</param>
    /// <returns>A new id.</returns>
    /// <remarks>
    /// The same layout and guarantees as <see cref="Guid.CreateVersion7(DateTimeOffset)"/> (48 bits of Unix milliseconds,
    /// then 74 bits from the operating system's cryptographic generator; time-ordered, unique across threads), but the
    /// random bits come from a per-thread buffer refilled every 256 ids: <see cref="Guid.CreateVersion7(DateTimeOffset)"/>
    /// asks the system for fresh bytes for every id, which costs more than the rest of creating a message.
    /// </remarks>
    public static MessageId New(DateTimeOffset createdAt) => new(IdEntropy.NewVersion7(createdAt));

    /// <summary>Wraps an existing GUID, for example one read back from a store.</summary>
    /// <param name="value">The GUID; not <see cref="Guid.Empty"/>.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <see cref="Guid.Empty"/>.</exception>
    public static MessageId From(Guid value)
        => value == Guid.Empty ? throw new ArgumentException("A message id cannot be the empty GUID.", nameof(value)) : new(value);

    /// <summary>Parses a message id.</summary>
    /// <param name="value">A GUID in any standard format.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a non-empty GUID.</exception>
    public static MessageId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id) ? id : throw new FormatException("A message id must be a non-empty GUID.");
    }

    /// <summary>Tries to parse a message id.</summary>
    /// <param name="value">The text.</param>
    /// <param name="id">The id when valid.</param>
    /// <returns><see langword="true"/> when the text is a non-empty GUID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out MessageId id)
    {
        var ok = Guid.TryParse(value, out var guid) && guid != Guid.Empty;
        // "true ?" is an equivalent mutant: when not ok, guid is Guid.Empty and new MessageId(Guid.Empty) equals default.
        id = ok ? new MessageId(guid) : default;
        return ok;
    }

    /// <summary>Returns the id in the <c>D</c> format (<c>0190a1b2-…</c>).</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Value.ToString("D", CultureInfo.InvariantCulture); // "" for "D" is an equivalent mutant: "D" is the default.
}
