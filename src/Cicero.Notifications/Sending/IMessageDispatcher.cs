namespace Cicero.Notifications;

/// <summary>Delivers due messages through the registered channels.</summary>
/// <remarks>
/// Call <see cref="DispatchDueAsync"/> yourself (a timer, a job) or register background processing with
/// <c>AddBackgroundProcessing</c>. Several dispatchers — in one process or many hosts sharing a store — never send the
/// same message: each claims its messages with a lease.
/// </remarks>
public interface IMessageDispatcher
{
    /// <summary>
    /// Claims due Pending messages in batches and sends them (with bounded parallelism) until none is due, recording each
    /// outcome: Sent; a transient failure stays Pending with the next attempt after exponential backoff, or becomes Failed
    /// when attempts run out; a permanent failure becomes Failed.
    /// </summary>
    /// <param name="cancellationToken">Stops claiming; sends in progress see it too.</param>
    /// <returns>What happened.</returns>
    Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken = default);
}
