using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Http;

/// <summary>Marks a protocol whose HTTP channel is registered, so a second <c>AddHttpChannel</c> adds no second channel.</summary>
internal sealed record HttpChannelMarker(Protocol Protocol);
