namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>The kept print runs, newest first.</summary>
/// <param name="Items">The runs.</param>
internal sealed record LetterRunListResponse(IReadOnlyList<LetterRunSummaryResponse> Items);
