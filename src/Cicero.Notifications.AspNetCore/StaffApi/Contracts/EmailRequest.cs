using System.Text.Json.Serialization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>An e-mail address to add, remove or verify again. Addresses travel in bodies, never in URLs (which access logs record).</summary>
internal sealed record EmailRequest
{
    /// <summary>The address as typed.</summary>
    public string? Email { get; init; }

    /// <summary>What it is for when adding; Notification when left out. Ignored otherwise.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ContactPurpose>))]
    public ContactPurpose? Purpose { get; init; }
}
