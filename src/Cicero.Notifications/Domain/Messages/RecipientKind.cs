namespace Cicero.Notifications.Domain;

/// <summary>What a message's recipient address is.</summary>
public enum RecipientKind
{
    /// <summary>A phone number in E.164 form.</summary>
    Phone = 0,

    /// <summary>An e-mail address.</summary>
    Email = 1,

    /// <summary>A CPR number (Digital Post to a person).</summary>
    Cpr = 2,

    /// <summary>A CVR number (Digital Post to a company).</summary>
    Cvr = 3,
}
