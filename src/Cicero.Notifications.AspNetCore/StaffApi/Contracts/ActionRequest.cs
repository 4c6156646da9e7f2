namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>An action on one message: retry, mark handled or dismiss. The acting staff member is the authenticated user.</summary>
internal sealed record ActionRequest
{
    /// <summary>Why, or what was done (for example "Printed and posted"); kept in the history. Write no personal data in it.</summary>
    public string? Note { get; init; }
}
