namespace Cicero.Notifications.KillTests.Host;

/// <summary>What one child process of the kill test does.</summary>
internal enum HostRole
{
    /// <summary>Saves the borrowers (skipping those already saved) and exits.</summary>
    Setup,

    /// <summary>Notifies every borrower once, with idempotency keys <c>kill-0</c> … <c>kill-{N-1}</c>, and exits.</summary>
    Notify,

    /// <summary>Dispatches due messages until its standard input closes (or it is killed).</summary>
    Dispatch,

    /// <summary>Dispatches until no message is Pending, waiting out the leases of killed dispatchers, and exits.</summary>
    Drain,
}
