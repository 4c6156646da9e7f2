using Cicero.Notifications.Domain;

namespace Cicero.Notifications.KillTests;

/// <summary>One row of the <c>messages</c> table, as much of it as the invariants need.</summary>
/// <param name="Id">The message id.</param>
/// <param name="Protocol">The protocol's name (<c>Sms</c>, <c>Email</c>).</param>
/// <param name="Status">The stored status.</param>
/// <param name="FailureKind">The stored failure kind, when there is one.</param>
/// <param name="IdempotencyKey">The notification's idempotency key.</param>
internal sealed record StoredMessage(Guid Id, string Protocol, MessageStatus Status, MessageFailureKind? FailureKind, string? IdempotencyKey)
{
    public bool IsSms => Protocol == Domain.Protocol.Sms.Name;

    public bool IsEmail => Protocol == Domain.Protocol.Email.Name;

    public bool IsInDoubt => Status == MessageStatus.Failed && FailureKind == MessageFailureKind.InDoubt;
}
