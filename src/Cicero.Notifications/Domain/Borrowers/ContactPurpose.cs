namespace Cicero.Notifications.Domain;

/// <summary>What a contact point is for. Only <see cref="Notification"/> contact points receive notifications.</summary>
public enum ContactPurpose
{
    /// <summary>Used for notifications: Cicero's "(notif)" type on a phone number or e-mail address.</summary>
    Notification = 0,

    /// <summary>Any other use (private, work, guardian's …): never used for notifications.</summary>
    Other = 1,
}
