using System.Text.Json.Serialization;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A message a bulk action left unchanged because the action does not fit it.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="Code">The library's refusal code, as the single action's problem <c>code</c>.</param>
/// <param name="Reason">The refusal in words (never personal data).</param>
internal sealed record BulkRefusalResponse(
    string MessageId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<MessageActionRefusal>))] MessageActionRefusal Code,
    string Reason);
