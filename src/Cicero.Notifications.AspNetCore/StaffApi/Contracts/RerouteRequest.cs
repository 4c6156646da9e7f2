namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>Send one message on another protocol. The acting staff member is the authenticated user.</summary>
internal sealed record RerouteRequest
{
    /// <summary>The protocol's code, for example Email or a user-defined protocol.</summary>
    public string? Protocol { get; init; }

    /// <summary>Why; kept in the history. Write no personal data in it.</summary>
    public string? Note { get; init; }
}
