namespace Cicero.Notifications.Domain;

/// <summary>Where a contact point came from. Only manually added e-mail addresses need verification.</summary>
public enum ContactSource
{
    /// <summary>Added by staff or the borrower (detail page, self-service): an e-mail address must be verified.</summary>
    Manual = 0,

    /// <summary>Arrived through a borrower import (<em>lånerimport</em>): verified on arrival.</summary>
    Import = 1,

    /// <summary>Existed before verification was introduced (migrated data): verified on arrival.</summary>
    Migrated = 2,
}
