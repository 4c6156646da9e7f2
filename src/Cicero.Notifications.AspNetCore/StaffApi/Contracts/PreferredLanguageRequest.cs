namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>The borrower's preferred language.</summary>
internal sealed record PreferredLanguageRequest
{
    /// <summary>A culture name such as da-DK or en; null or empty for the library's default.</summary>
    public string? Culture { get; init; }
}
