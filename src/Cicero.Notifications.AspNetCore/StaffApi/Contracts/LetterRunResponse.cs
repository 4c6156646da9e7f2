namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A print run of letters; its document and list are at <see cref="HtmlUrl"/> and <see cref="CsvUrl"/>.</summary>
internal sealed record LetterRunResponse
{
    /// <summary>Gets the run's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the collected protocol's code.</summary>
    public required string Protocol { get; init; }

    /// <summary>Gets the branch the run was made for, or null for all.</summary>
    public string? Branch { get; init; }

    /// <summary>Gets when the run was made: its letters became Sent at this time.</summary>
    public required DateTimeOffset CollectedAt { get; init; }

    /// <summary>Gets the letters' message ids, in print order (branch, then borrower).</summary>
    public required IReadOnlyList<string> MessageIds { get; init; }

    /// <summary>Gets the document to print (one letter per A4 page); it can be fetched again until the retention period ends.</summary>
    public required string HtmlUrl { get; init; }

    /// <summary>Gets the letters as CSV.</summary>
    public required string CsvUrl { get; init; }
}
