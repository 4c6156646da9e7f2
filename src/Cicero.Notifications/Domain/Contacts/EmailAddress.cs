using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Cicero.Notifications.Domain;

/// <summary>
/// One e-mail address, as a borrower gave it: no display name, no list, no comment.
/// </summary>
/// <remarks>
/// <para>
/// Rules: at most 254 characters (also once the domain is in punycode), a local part of at most 64
/// (counted in UTF-8 bytes, as SMTP counts them) made of letters, digits, <c>!#$%&amp;'*+-/=?^_`{|}~</c>
/// and single dots not at either end (quoted local parts are not supported), one <c>@</c>, and a domain
/// of at least two labels of letters, digits and inner hyphens whose last label is not all digits
/// (IP addresses are not supported). Internationalized domains (<c>æblehaven.dk</c>) are allowed.
/// </para>
/// <para>
/// Surrounding whitespace is trimmed; otherwise the address is kept as typed (<see cref="Value"/>) and
/// <see cref="AsciiValue"/> gives the form to send, with the domain in punycode. Two addresses are equal
/// when their <see cref="AsciiValue"/> are equal ignoring case, so <c>Hans@Example.dk</c> equals
/// <c>hans@example.dk</c> and a domain typed in Unicode equals the same domain typed in punycode.
/// </para>
/// <para>
/// An e-mail address is personal data: exception messages never contain the input. Instances are
/// immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class EmailAddress : IEquatable<EmailAddress>
{
    private const int MaxLength = 254;
    private const int MaxLocalPartBytes = 64;
    private const int MaxLabelLength = 63;

    private const string EmptyMessage = "An e-mail address cannot be empty.";
    private const string TooLongMessage = "An e-mail address can be at most 254 characters.";
    private const string DisplayNameMessage = "The e-mail address has a display name; give the address only.";
    private const string ListMessage = "Give one e-mail address, not a list.";
    private const string CommentMessage = "The e-mail address has a comment in parentheses; give the address only.";
    private const string QuoteMessage = "An e-mail address with quotes is not supported.";
    private const string WhitespaceMessage = "An e-mail address cannot contain spaces.";
    private const string AtMessage = "An e-mail address must contain exactly one @ between the name and the domain.";
    private const string LocalPartMissingMessage = "The e-mail address has nothing before the @.";
    private const string LocalPartTooLongMessage = "The part of an e-mail address before the @ can be at most 64 characters.";
    private const string LocalPartMessage = "The part of an e-mail address before the @ may contain letters, digits, the characters !#$%&'*+-/=?^_`{|}~ and single dots, but cannot start or end with a dot.";
    private const string DomainMissingMessage = "The e-mail address has no domain after the @.";
    private const string DomainDotMessage = "The domain of an e-mail address must contain a dot, such as example.dk.";
    private const string DomainMessage = "The domain of the e-mail address is not a valid domain name (labels of letters, digits and inner hyphens, separated by single dots).";

    private EmailAddress(string value, int at, string asciiValue)
    {
        Value = value;
        LocalPart = value[..at];
        Domain = value[(at + 1)..];
        AsciiValue = asciiValue;
    }

    /// <summary>Gets the address as typed (trimmed).</summary>
    /// <remarks>This is personal data: do not log it.</remarks>
    public string Value { get; }

    /// <summary>Gets the part before the <c>@</c>, as typed.</summary>
    public string LocalPart { get; }

    /// <summary>Gets the domain after the <c>@</c>, as typed (possibly in Unicode).</summary>
    public string Domain { get; }

    /// <summary>
    /// Gets the address with its domain in ASCII (punycode, by <see cref="IdnMapping"/>): the form to hand to
    /// a mail server. Equal to <see cref="Value"/> when the domain is ASCII. A local part with letters
    /// outside ASCII stays as it is; such an address needs a server with SMTPUTF8.
    /// </summary>
    public string AsciiValue { get; }

    /// <summary>Parses one e-mail address.</summary>
    /// <param name="value">The address, for example <c>hans@example.dk</c>; surrounding whitespace is ignored.</param>
    /// <returns>The e-mail address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> is not one valid e-mail address.</exception>
    public static EmailAddress Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Create(value, out var error) ?? throw new FormatException(error);
    }

    /// <summary>Tries to parse one e-mail address. Never throws.</summary>
    /// <param name="value">The address, for example <c>hans@example.dk</c>; surrounding whitespace is ignored.</param>
    /// <param name="result">The e-mail address, or <see langword="null"/> when <paramref name="value"/> is not valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is one valid e-mail address.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out EmailAddress? result)
    {
        result = value is null ? null : Create(value, out _);
        return result is not null;
    }

    /// <inheritdoc/>
    public bool Equals(EmailAddress? other) =>
        other is not null && string.Equals(AsciiValue, other.AsciiValue, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EmailAddress);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(AsciiValue);

    /// <summary>Returns the address as typed (<see cref="Value"/>).</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two e-mail addresses for equality, ignoring case.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or name the same address.</returns>
    public static bool operator ==(EmailAddress? left, EmailAddress? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two e-mail addresses for inequality, ignoring case.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns><see langword="true"/> when the addresses differ.</returns>
    public static bool operator !=(EmailAddress? left, EmailAddress? right) => !(left == right);

    private static EmailAddress? Create(string value, out string? error)
    {
        var trimmed = value.Trim();
        error = FindShapeError(trimmed);
        if (error is not null)
        {
            return null;
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        var local = trimmed.AsSpan(0, at);
        var domain = trimmed[(at + 1)..];
        error = FindLocalPartError(local) ?? FindDomainError(domain);
        if (error is not null)
        {
            return null;
        }

        string asciiDomain;
        try
        {
            asciiDomain = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            // The exception names the input; only our own message leaves this type.
            error = DomainMessage;
            return null;
        }

        // Equivalent mutant: with an ASCII domain the concatenation equals the trimmed input; the test saves a string.
        var asciiValue = string.Equals(asciiDomain, domain, StringComparison.Ordinal)
            ? trimmed
            : string.Concat(local, "@", asciiDomain);
        if (asciiValue.Length > MaxLength)
        {
            error = TooLongMessage;
            return null;
        }

        return new EmailAddress(trimmed, at, asciiValue);
    }

    // Whole-input problems, from the most to the least specific, so the message says what to fix.
    private static string? FindShapeError(string value)
    {
        var span = value.AsSpan();
        if (span.IsEmpty)
        {
            return EmptyMessage;
        }

        if (span.Length > MaxLength)
        {
            return TooLongMessage;
        }

        if (span.IndexOfAny('<', '>') >= 0)
        {
            return DisplayNameMessage;
        }

        if (span.IndexOfAny(',', ';') >= 0)
        {
            return ListMessage;
        }

        if (span.IndexOfAny('(', ')') >= 0)
        {
            return CommentMessage;
        }

        if (span.Contains('"'))
        {
            return QuoteMessage;
        }

        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                return WhitespaceMessage;
            }
        }

        var at = span.IndexOf('@');
        if (at < 0 || span.LastIndexOf('@') != at)
        {
            return AtMessage;
        }

        return at == 0 ? LocalPartMissingMessage
            : at == span.Length - 1 ? DomainMissingMessage
            : null;
    }

    private static string? FindLocalPartError(ReadOnlySpan<char> local)
    {
        if (Encoding.UTF8.GetByteCount(local) > MaxLocalPartBytes)
        {
            return LocalPartTooLongMessage;
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return LocalPartMessage;
        }

        foreach (var c in local)
        {
            if (!(IsAsciiAtext(c) || c == '.' || IsUnicodeLetterOrDigit(c)))
            {
                return LocalPartMessage;
            }
        }

        return null;
    }

    private static string? FindDomainError(string domain)
    {
        if (!domain.Contains('.', StringComparison.Ordinal))
        {
            return DomainDotMessage;
        }

        var labels = domain.AsSpan();
        // IdnMapping (STD3 rules) refuses the same labels, so removing either return below is an equivalent mutant;
        // checking first keeps the reason ours and the work bounded.
        var lastLabel = ReadOnlySpan<char>.Empty;
        foreach (var range in labels.Split('.'))
        {
            var label = labels[range];
            if (label.IsEmpty || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return DomainMessage;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || IsUnicodeLetterOrDigit(c)))
                {
                    return DomainMessage;
                }
            }

            lastLabel = label;
        }

        // A top-level domain is never all digits; this also keeps IP addresses out.
        return lastLabel.ContainsAnyExceptInRange('0', '9') ? null : DomainMessage;
    }

    private static bool IsAsciiAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);

    // Letters, digits and combining marks outside ASCII (internationalized names, RFC 6531 / IDNA).
    private static bool IsUnicodeLetterOrDigit(char c) =>
        !char.IsAscii(c) && CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber;
}
