namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A kept print run in the list of recent runs; its document and list are at <see cref="HtmlUrl"/> and <see cref="CsvUrl"/>.</summary>
internal sealed record LetterRunSummaryResponse
{
    /// <summary>Gets the run's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the collected protocol's code.</summary>
    public required string Protocol { get; init; }

    /// <summary>Gets the protocol's display name in the request's language.</summary>
    public required string ProtocolDisplayName { get; init; }

    /// <summary>Gets the branch the run was made for, or null for all.</summary>
    public string? Branch { get; init; }

    /// <summary>Gets the branch's display name in the request's language, or null for all.</summary>
    public string? BranchDisplayName { get; init; }

    /// <summary>Gets when the run was made.</summary>
    public required DateTimeOffset CollectedAt { get; init; }

    /// <summary>Gets how many letters the run printed.</summary>
    public required int LetterCount { get; init; }

    /// <summary>Gets the run's document (one letter per A4 page).</summary>
    public required string HtmlUrl { get; init; }

    /// <summary>Gets the run's letters as CSV.</summary>
    public required string CsvUrl { get; init; }
}
