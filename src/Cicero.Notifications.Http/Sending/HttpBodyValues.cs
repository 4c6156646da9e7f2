namespace Cicero.Notifications.Http;

/// <summary>The values a body template sees; all strings (personal data: never logged).</summary>
internal sealed record HttpBodyValues(
    string? Recipient,
    string Text,
    string? Subject,
    string Sender,
    string Reference,
    string Protocol,
    string Culture,
    string Type,
    string BorrowerId)
{
    /// <summary>Returns the reference only (the rest is personal data).</summary>
    public override string ToString() => $"HttpBodyValues {Reference}";
}
