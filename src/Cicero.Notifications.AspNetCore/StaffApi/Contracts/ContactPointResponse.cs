using System.Text.Json.Serialization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A phone number or e-mail address.</summary>
internal sealed record ContactPointResponse
{
    /// <summary>Phone or e-mail.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ContactKind>))]
    public required ContactKind Kind { get; init; }

    /// <summary>The number (E.164) or address.</summary>
    public required string Value { get; init; }

    /// <summary>What it is for; only Notification receives notifications.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ContactPurpose>))]
    public required ContactPurpose Purpose { get; init; }

    /// <summary>Where it came from.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ContactSource>))]
    public required ContactSource Source { get; init; }

    /// <summary>When it was added.</summary>
    public required DateTimeOffset AddedAt { get; init; }

    /// <summary>When the e-mail address was verified; null while unverified and for phones.</summary>
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>When an unverified notification e-mail address is deleted unless verified first.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether this is a notification e-mail address waiting for verification.</summary>
    public required bool IsAwaitingVerification { get; init; }

    public static ContactPointResponse From(ContactPointView point) => new()
    {
        Kind = point.Kind,
        Value = point.Value,
        Purpose = point.Purpose,
        Source = point.Source,
        AddedAt = point.AddedAt,
        VerifiedAt = point.VerifiedAt,
        ExpiresAt = point.ExpiresAt,
        IsAwaitingVerification = point.IsAwaitingVerification,
    };
}
