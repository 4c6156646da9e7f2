namespace Cicero.Notifications.Domain;

/// <summary>How the messages of a user-defined protocol leave the library.</summary>
public enum ProtocolDelivery
{
    /// <summary>A channel the host registers sends each message (the default).</summary>
    Channel = 0,

    /// <summary>
    /// Staff collect them: letters that wait (Pending) for the next print run (<see cref="ILetterRuns.CollectAsync"/>),
    /// which marks them Sent. No channel is registered.
    /// </summary>
    Collected = 1,
}
