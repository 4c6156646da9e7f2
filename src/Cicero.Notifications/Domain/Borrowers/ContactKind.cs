namespace Cicero.Notifications.Domain;

/// <summary>What a contact point is.</summary>
public enum ContactKind
{
    /// <summary>A phone number.</summary>
    Phone = 0,

    /// <summary>An e-mail address.</summary>
    Email = 1,
}
