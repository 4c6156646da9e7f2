using System.Security.Claims;

namespace Cicero.Notifications.AspNetCore;

/// <summary>Options of the staff HTTP API mapped by <c>MapCiceroStaffApi</c>.</summary>
/// <remarks>
/// Authorization is required: name the policy staff must satisfy in <see cref="AuthorizationPolicy"/>. Only a host that
/// sets <see cref="AllowAnonymous"/> serves the API without it (for example behind its own gateway).
/// </remarks>
public class StaffApiOptions
{
    /// <summary>Gets or sets the name of the authorization policy every staff API endpoint requires.</summary>
    /// <value>The default value is <see langword="null"/>: it must be set unless <see cref="AllowAnonymous"/> is <see langword="true"/>, else start-up fails.</value>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>Gets or sets a value indicating whether the API is served without authorization.</summary>
    /// <value>
    /// The default value is <see langword="false"/>. When <see langword="true"/>, reads need no user, and the actions on
    /// messages still need an authenticated user with a <see cref="StaffIdClaimType"/> claim (they record who acted).
    /// </value>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets the claim type whose value is the acting staff member's id, recorded in a message's history.</summary>
    /// <value>The default value is <see cref="ClaimTypes.NameIdentifier"/>.</value>
    /// <remarks>The staff id always comes from the authenticated user, never from a request body.</remarks>
    public string StaffIdClaimType { get; set; } = ClaimTypes.NameIdentifier;

    /// <summary>Gets or sets a value indicating whether the actions on one message require an <c>If-Match</c> header.</summary>
    /// <value>
    /// The default value is <see langword="false"/>: without <c>If-Match</c> an action applies to the message as it is
    /// stored (and is refused when it does not fit its state). When <see langword="true"/>, an action without it gets
    /// 428 Precondition Required.
    /// </value>
    public bool RequireIfMatch { get; set; }
}
