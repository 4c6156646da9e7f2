namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>What a bulk action did, message by message: every selected message is in exactly one list.</summary>
internal sealed record BulkActionResponse
{
    /// <summary>The messages the action changed, in the order handled.</summary>
    public required IReadOnlyList<string> Succeeded { get; init; }

    /// <summary>The messages the action did not fit, each with the refusal code and reason the single action gives.</summary>
    public required IReadOnlyList<BulkRefusalResponse> Refused { get; init; }

    /// <summary>The messages someone else changed first; unchanged.</summary>
    public required IReadOnlyList<string> Conflicted { get; init; }

    /// <summary>Whether a filter matched more than 1 000 messages: send the same request again for the rest.</summary>
    public required bool MoreMatched { get; init; }

    public static BulkActionResponse From(BulkActionResult result) => new()
    {
        Succeeded = [.. result.Succeeded.Select(id => id.ToString())],
        Refused = [.. result.Refused.Select(r => new BulkRefusalResponse(r.MessageId.ToString(), r.Refusal, r.Reason))],
        Conflicted = [.. result.Conflicted.Select(id => id.ToString())],
        MoreMatched = result.MoreMatched,
    };
}
