using System.Text.Json.Serialization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A phone number to add or remove. Addresses travel in bodies, never in URLs (which access logs record).</summary>
internal sealed record PhoneRequest
{
    /// <summary>The number as typed: "20 12 34 56", "+45 …", "+299 …".</summary>
    public string? Phone { get; init; }

    /// <summary>What it is for when adding; Notification when left out. Ignored when removing.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ContactPurpose>))]
    public ContactPurpose? Purpose { get; init; }
}
