using System.Text.Json.Serialization;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A staff action on a message, as the JSON names it (one of the library's <see cref="MessageActions"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StaffAction>))]
internal enum StaffAction
{
    /// <summary>Send the message again on its protocol.</summary>
    Retry = 0,

    /// <summary>Send the message on another protocol.</summary>
    Reroute = 1,

    /// <summary>Record that staff handled the message by hand.</summary>
    MarkHandled = 2,

    /// <summary>Remove the message from the message queue.</summary>
    Dismiss = 3,
}
