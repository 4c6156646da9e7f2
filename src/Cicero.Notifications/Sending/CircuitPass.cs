namespace Cicero.Notifications.Sending;

/// <summary>What a protocol's circuit says about sending one message now.</summary>
internal enum CircuitPass
{
    /// <summary>The circuit is closed: send.</summary>
    Send,

    /// <summary>The circuit's break is over: send this one message as the probe.</summary>
    Probe,

    /// <summary>The protocol is paused: do not send; the message waits.</summary>
    Paused,
}
