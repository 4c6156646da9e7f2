namespace Cicero.Notifications.Domain;

/// <summary>Which rule decided a <see cref="DeliveryPlan"/>.</summary>
internal enum DeliveryPlanOutcome
{
    /// <summary>One message per chosen protocol and address.</summary>
    Chosen = 0,

    /// <summary>The borrower chose none of the type's protocols; one message on the alternative protocol.</summary>
    Alternative = 1,

    /// <summary>None chosen and no alternative protocol; one message with status MissingContactInfo.</summary>
    MissingContactInfo = 2,
}
