using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>What a bulk action did, message by message: every selected message is in exactly one of the lists.</summary>
/// <param name="Succeeded">The messages the action changed, in the order they were handled.</param>
/// <param name="Refused">The messages the action did not fit, each with the refusal the single action gives.</param>
/// <param name="Conflicted">The messages someone else changed first (another staff member, the dispatcher); unchanged.</param>
/// <param name="MoreMatched">
/// Whether a filter matched more than <see cref="MessageSelection.MaxCount"/> messages: run the action again for the rest.
/// </param>
public sealed record BulkActionResult(
    IReadOnlyList<MessageId> Succeeded,
    IReadOnlyList<BulkActionRefusal> Refused,
    IReadOnlyList<MessageId> Conflicted,
    bool MoreMatched);
