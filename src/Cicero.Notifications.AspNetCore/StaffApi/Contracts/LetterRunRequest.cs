namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>Print every waiting letter of a collected protocol in one run.</summary>
internal sealed record LetterRunRequest
{
    /// <summary>The collected protocol's code, for example Brev.</summary>
    public string? Protocol { get; init; }

    /// <summary>Only this branch's letters (its code); empty for all.</summary>
    public string? Branch { get; init; }
}
