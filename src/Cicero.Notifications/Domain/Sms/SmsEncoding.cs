namespace Cicero.Notifications.Domain;
/// <summary>Stand-in.</summary>
public enum SmsEncoding
{
    /// <summary>x</summary>
    Gsm7,
    /// <summary>x</summary>
    Ucs2,
}
