namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A protocol: its code and its display name.</summary>
/// <param name="Protocol">The code, for example DigitalPost.</param>
/// <param name="DisplayName">The display name in the request's language, for example "Digital Post".</param>
internal sealed record ProtocolResponse(string Protocol, string DisplayName);
