using System.Globalization;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A borrower's contact settings: phone numbers and e-mail addresses, CPR or CVR, opt-in protocols, preferred language.</summary>
internal sealed record ProfileResponse
{
    /// <summary>The borrower's id.</summary>
    public required string BorrowerId { get; init; }

    /// <summary>The CPR number masked (DDMMYY-xxxx), if the borrower has one: the full number is never shown.</summary>
    public string? Cpr { get; init; }

    /// <summary>The CVR number (companies), if any.</summary>
    public string? Cvr { get; init; }

    /// <summary>The preferred language (a culture name such as da-DK); null for the library's default.</summary>
    public string? PreferredLanguage { get; init; }

    /// <summary>The phone numbers and e-mail addresses.</summary>
    public required IReadOnlyList<ContactPointResponse> ContactPoints { get; init; }

    /// <summary>The protocols switched on (Digital Post and user-defined ones).</summary>
    public required IReadOnlyList<ProtocolResponse> OptIns { get; init; }

    /// <summary>The store's version of the profile.</summary>
    public required long Version { get; init; }

    public static ProfileResponse From(BorrowerProfileView view, StaffApiNames names, CultureInfo? culture) => new()
    {
        BorrowerId = view.BorrowerId.Value,
        Cpr = view.Cpr?.Masked,
        Cvr = view.Cvr?.Value,
        PreferredLanguage = view.PreferredCulture,
        ContactPoints = [.. view.ContactPoints.Select(ContactPointResponse.From)],
        OptIns = [.. view.OptIns.Select(p => new ProtocolResponse(p.Name, names.Protocol(p, culture)))],
        Version = view.Version,
    };
}
