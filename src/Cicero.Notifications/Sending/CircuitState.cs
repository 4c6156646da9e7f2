namespace Cicero.Notifications.Sending;

/// <summary>The state of a protocol's circuit; the values are those of the <c>cicero.notifications.channel.circuit</c> gauge.</summary>
internal enum CircuitState
{
    /// <summary>Messages are sent.</summary>
    Closed = 0,

    /// <summary>Paused: the break is over, and one message is being sent as a probe.</summary>
    HalfOpen = 1,

    /// <summary>Paused: no message is sent until the break is over.</summary>
    Open = 2,
}
