namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A CPR number (persons) or CVR number (companies) as typed.</summary>
internal sealed record IdentifierRequest
{
    /// <summary>The number as typed: DDMMYY-SSSS for a CPR number, 8 digits (DK and separators allowed) for a CVR number.</summary>
    public string? Number { get; init; }
}
