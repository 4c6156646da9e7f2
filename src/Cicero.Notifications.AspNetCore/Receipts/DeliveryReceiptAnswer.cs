namespace Cicero.Notifications.AspNetCore.Receipts;

/// <summary>The answer to a provider's delivery report: what its receipts did.</summary>
/// <param name="Applied">Receipts that changed a message.</param>
/// <param name="Unchanged">Receipts that changed nothing (duplicates, older than what is recorded, transient).</param>
/// <param name="Kept">Receipts kept until their message is recorded Sent.</param>
/// <param name="Ignored">Entries without a provider message id or with a status the endpoint does not map.</param>
internal sealed record DeliveryReceiptAnswer(int Applied, int Unchanged, int Kept, int Ignored);
